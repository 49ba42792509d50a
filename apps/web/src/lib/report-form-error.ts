import { notifications } from '@mantine/notifications';
import { errorMessage, type FieldErrors, serverFieldErrors } from './errors';

/**
 * A failed form submission: messages for the fields the server named go beside those fields;
 * anything else becomes a notification with the given title.
 */
export function reportFormError(error: unknown, title: string, setErrors: (errors: FieldErrors) => void) {
  const fields = serverFieldErrors(error);
  setErrors(fields);
  if (Object.keys(fields).length === 0)
    notifications.show({ color: 'red', title, message: errorMessage(error) });
}
