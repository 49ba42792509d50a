import { NotFoundState } from '~/components/states';

export default function SignedInNotFound() {
  return <NotFoundState />;
}
