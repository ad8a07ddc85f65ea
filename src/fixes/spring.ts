// Spring Boot: a CorsConfigurationSource bean with the exact origin, picked up by Spring MVC and, through
// http.cors(), by Spring Security, which otherwise rejects the credential-less preflight with 401/403.
import type { FixGenerator } from './types.ts';
import { buildFix, pitfallText } from './common.ts';
import { list, pathPrefix } from './syntax.ts';
import { javaStr as dq } from './quote/code.ts';

const jlist = (items: readonly string[]): string => list(items, dq, 'List.of(', ')');

export const spring: FixGenerator = {
  id: 'spring',
  label: 'Spring Boot',
  generate: (input) =>
    buildFix('spring', input, (p) => {
      const code = `import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

@Configuration
public class CorsConfig {
    @Bean
    CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(${jlist([p.origin])});
        config.setAllowedMethods(${jlist(p.methods)});
        config.setAllowedHeaders(${jlist(p.headers)});
${p.expose.length > 0 ? `        config.setExposedHeaders(${jlist(p.expose)});\n` : ''}${p.credentials ? '        config.setAllowCredentials(true);\n' : ''}        config.setMaxAge(${p.maxAge}L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(${dq(pathPrefix(p.path, '**'))}, config);
        return source;
    }
}
`;
      const security =
        '// In your SecurityFilterChain bean (import org.springframework.security.config.Customizer):\n// CorsFilter then answers preflights before authentication, using the bean above.\nhttp.cors(Customizer.withDefaults());\n';
      return {
        title: `Allow ${p.origin} in Spring (CorsConfigurationSource)`,
        snippets: [
          { language: 'java', where: 'a new CorsConfig.java in your application package', code },
          {
            language: 'java',
            where: 'the SecurityFilterChain bean, if you use Spring Security',
            code: security,
          },
        ],
        pitfall: pitfallText(p, {
          'preflight-unhandled':
            'Spring Security authenticated the OPTIONS preflight (which never carries credentials) and answered 401/403: http.cors() lets CorsFilter answer it first.',
          'wildcard-credentials':
            'allowedOrigins("*") with allowCredentials(true) throws at startup; allowedOriginPatterns("*") "works" but trusts every site. List the origin.',
        }),
        notes: [
          'WebFlux: the same CorsConfiguration in a CorsWebFilter bean.',
          'Spring ≥ 6.1.3 has setAllowPrivateNetwork; only for private origins.',
        ],
      };
    }),
};

// References: docs.spring.io/spring-framework/reference/web/webmvc-cors.html; docs.spring.io/spring-security/reference/servlet/integrations/cors.html.
