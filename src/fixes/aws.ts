// AWS: API Gateway HTTP API / Lambda Function URL CORS configuration, and S3 bucket CORS rules. When the gateway's
// CORS is configured it answers preflights and overrides the integration's headers, so CORS lives in one place.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';

export const aws: FixGenerator = {
  id: 'aws',
  label: 'AWS (API Gateway / Lambda URL / S3)',
  generate: (input) =>
    buildFix('aws', input, (p) => {
      const httpApi = {
        AllowOrigins: [p.origin],
        AllowMethods: p.methods,
        AllowHeaders: p.headers,
        ExposeHeaders: p.expose,
        AllowCredentials: p.credentials,
        MaxAge: p.maxAge,
      };
      const s3 = {
        CORSRules: [
          {
            AllowedOrigins: [p.origin],
            AllowedMethods: p.methods.filter((m) => m !== 'OPTIONS'),
            AllowedHeaders: p.headers,
            ExposeHeaders: p.expose,
            MaxAgeSeconds: p.maxAge,
          },
        ],
      };
      return {
        title: `Allow ${p.origin} at the AWS edge`,
        snippets: [
          {
            language: 'json',
            where:
              'API Gateway HTTP API: aws apigatewayv2 update-api --api-id <id> --cors-configuration file://cors.json (Lambda URL: the same keys under Cors)',
            code: JSON.stringify(httpApi, null, 2) + '\n',
          },
          {
            language: 'json',
            where: 'S3: aws s3api put-bucket-cors --bucket <bucket> --cors-configuration file://s3-cors.json',
            code: JSON.stringify(s3, null, 2) + '\n',
          },
        ],
        pitfall: pitfallText(p, {
          'error-loses-cors': `The ${p.realStatus ?? 'error'} came from the gateway (403 Missing Authentication Token, authorizer 401, 429, 504): REST APIs need CORS on the 4XX/5XX gateway responses too; with Lambda proxy integration the function must return the headers, errors included.`,
          'duplicate-acao':
            'The gateway and the integration both send Access-Control-Allow-Origin: configure CORS in one of them.',
        }),
        notes: [
          'REST APIs: "Enable CORS" creates an OPTIONS MOCK integration; with proxy integration the Lambda must return the same headers.',
          "Behind CloudFront, add Origin to the cache key (or forward it) so one origin's answer is not served to another.",
        ],
      };
    }),
};

// References: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html; docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html.
