import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { CairnEnvironment } from './environments';

// Runs once at deploy: keeps an Ed25519 key already in the secret, otherwise generates one and
// writes it there. The private key never leaves Secrets Manager; only the public key is returned.
const GENERATE_KEY_HANDLER = `
const { SecretsManagerClient, GetSecretValueCommand, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const { createPrivateKey, createPublicKey, generateKeyPairSync } = require('node:crypto');
const client = new SecretsManagerClient({});
function publicPemOf(privatePem) {
  try {
    const key = createPrivateKey(privatePem);
    return key.asymmetricKeyType === 'ed25519' ? createPublicKey(key).export({ type: 'spki', format: 'pem' }) : null;
  } catch {
    return null;
  }
}
exports.handler = async (event) => {
  const secretId = event.ResourceProperties.SecretArn;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const current = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let publicKey = publicPemOf(current.SecretString || '');
  if (!publicKey) {
    const pair = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: pair.privateKey }));
    publicKey = pair.publicKey;
  }
  return { PhysicalResourceId: secretId, Data: { PublicKey: publicKey } };
};
`;

/**
 * The Ed25519 key that signs audit checkpoints: a PKCS#8 PEM in Secrets Manager, encrypted with a
 * customer-managed KMS key, generated on first deploy. The worker signs with it locally (the code
 * signs and verifies with node:crypto Ed25519); the web app gets only the public key.
 */
export class AuditSigningKey extends Construct {
  readonly encryptionKey: kms.Key;
  readonly secret: secretsmanager.Secret;
  /** SPKI PEM, resolved at deploy time; safe to pass as plain environment. */
  readonly publicKeyPem: string;

  constructor(scope: Construct, id: string, props: { environment: CairnEnvironment }) {
    super(scope, id);
    const { environment } = props;
    // Losing this key would leave every signed checkpoint unverifiable; dev alone may drop it.
    const removalPolicy = environment.name === 'dev' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    this.encryptionKey = new kms.Key(this, 'EncryptionKey', {
      description: `Cairn ${environment.name}: encrypts the audit checkpoint signing key`,
      enableKeyRotation: true,
      removalPolicy,
    });
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: `Cairn ${environment.name}: Ed25519 private key (PKCS#8 PEM) signing audit checkpoints`,
      encryptionKey: this.encryptionKey,
      removalPolicy,
    });

    const handler = new lambda.Function(this, 'GenerateKey', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(GENERATE_KEY_HANDLER),
      timeout: Duration.seconds(30),
      logGroup: new logs.LogGroup(this, 'GenerateKeyLogs', {
        retention: environment.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    this.secret.grantRead(handler);
    this.secret.grantWrite(handler);
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: handler,
      logGroup: new logs.LogGroup(this, 'ProviderLogs', {
        retention: environment.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    const resource = new CustomResource(this, 'Generated', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::CairnAuditSigningKey',
      properties: { SecretArn: this.secret.secretArn },
    });
    this.publicKeyPem = resource.getAttString('PublicKey');
  }
}
