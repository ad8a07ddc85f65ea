// AWS: API Gateway HTTP API / Lambda Function URL CORS configuration, and S3 bucket CORS rules. When the gateway's
// CORS is configured it answers preflights and overrides the integration's headers, so CORS lives in one place.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText, type Plan } from './common.ts';
import { assetKind } from './assets.ts';

// The documented shapes these JSON documents must have, with their sources: docs/aws-shapes.md.
/** The methods an S3 CORS rule accepts (AllowedMethods). */
const S3_METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
/** The methods a CloudFront response headers policy accepts (AccessControlAllowMethods). */
const CLOUDFRONT_METHODS = new Set(['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'HEAD']);

/** CloudFront in front of a bucket: a response headers policy adds CORS at the edge, for the origins listed. */
function cloudFrontPolicy(p: Plan): string {
  const list = (items: string[]) => ({ Quantity: items.length, Items: items });
  const methods = [...new Set(['GET', 'HEAD', ...p.methods])].filter((m) => CLOUDFRONT_METHODS.has(m));
  const policy = {
    Name: 'cors-static-assets',
    CorsConfig: {
      AccessControlAllowOrigins: list([p.origin]),
      AccessControlAllowMethods: list(methods),
      // CloudFront refuses an empty list here. A file's GET sends no preflight, so the list only matters to a reader
      // that asks for a byte range (a media player's fetch with Range is preflighted): Range is the one to allow.
      AccessControlAllowHeaders: list(p.headers.length > 0 ? p.headers : ['Range']),
      AccessControlExposeHeaders: p.expose.length > 0 ? list(p.expose) : { Quantity: 0 },
      AccessControlAllowCredentials: p.credentials,
      AccessControlMaxAgeSec: p.maxAge,
      // The policy's headers replace the bucket's, so one layer decides (no "multiple values").
      OriginOverride: true,
    },
  };
  return JSON.stringify(policy, null, 2) + '\n';
}

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
      // S3 takes no PATCH (or OPTIONS: it answers preflights itself); GET stays so the rule is never empty.
      const s3Methods = p.methods.filter((m) => S3_METHODS.has(m));
      const s3Dropped = p.methods.filter((m) => !S3_METHODS.has(m) && m !== 'OPTIONS');
      const s3 = {
        CORSRules: [
          {
            AllowedOrigins: [p.origin],
            AllowedMethods: s3Methods.length > 0 ? s3Methods : ['GET'],
            ...(p.headers.length > 0 ? { AllowedHeaders: p.headers } : {}),
            ...(p.expose.length > 0 ? { ExposeHeaders: p.expose } : {}),
            MaxAgeSeconds: p.maxAge,
          },
        ],
      };
      const asset = assetKind(p);
      const s3Snippet = {
        language: 'json' as const,
        where: 'S3: aws s3api put-bucket-cors --bucket <bucket> --cors-configuration file://s3-cors.json',
        code: JSON.stringify(s3, null, 2) + '\n',
      };
      // A font, script or image comes from a bucket, usually behind CloudFront: the bucket's rule and the edge's policy.
      if (asset !== null)
        return {
          title: `Allow ${p.origin} to load this ${asset} from S3 / CloudFront`,
          snippets: [
            s3Snippet,
            {
              language: 'json',
              where:
                'CloudFront: aws cloudfront create-response-headers-policy --response-headers-policy-config file://cors-policy.json, then attach it to the cache behavior that serves the files',
              code: cloudFrontPolicy(p),
            },
          ],
          pitfall: pitfallText(p, {
            'duplicate-acao':
              'The bucket and CloudFront both send Access-Control-Allow-Origin: OriginOverride lets the policy decide.',
          }),
          notes: [
            'With S3 CORS rules behind CloudFront (no response headers policy), CloudFront caches the first answer: forward the Origin header (the managed origin request policy CORS-S3Origin) and put Origin in the cache policy, or an answer cached for a no-cors load or another origin is served to this page.',
            'Invalidate the cached files after the change (aws cloudfront create-invalidation), or the old answer stays until it expires.',
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
          s3Snippet,
        ],
        pitfall: pitfallText(p, {
          'error-loses-cors': `The ${p.realStatus ?? 'error'} came from the gateway (403 Missing Authentication Token, authorizer 401, 429, 504): REST APIs need CORS on the 4XX/5XX gateway responses too; with Lambda proxy integration the function must return the headers, errors included.`,
          'duplicate-acao':
            'The gateway and the integration both send Access-Control-Allow-Origin: configure CORS in one of them.',
        }),
        notes: [
          ...(s3Dropped.length > 0
            ? [
                `S3 CORS rules take only GET, PUT, HEAD, POST and DELETE: ${s3Dropped.join(', ')} is left out of the S3 rule.`,
              ]
            : []),
          'REST APIs: "Enable CORS" creates an OPTIONS MOCK integration; with proxy integration the Lambda must return the same headers.',
          "Behind CloudFront, add Origin to the cache key (or forward it) so one origin's answer is not served to another.",
        ],
      };
    }),
};

// References: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html; docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html; docs.aws.amazon.com/cloudfront/latest/APIReference/API_ResponseHeadersPolicyCorsConfig.html; docs/backends.md#static-assets; docs/aws-shapes.md.
