package fr.parcelle.interfaces.web.connexion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens of architects' software on /api/v1: a JWT signed by a key of the configured
 * authorisation server's JWKS (asymmetric algorithms only), issued by it ({@code iss} exact), for
 * this API ({@code aud}), not expired ({@code exp} required). The local account is named by one
 * claim ({@code sub} unless configured otherwise); the account must exist: a token proves who
 * calls, the account says what they may do.
 */
public class VerificateurJetons {

  private static final int DELAI_MS = 5_000;

  private final String emetteur;
  private final String audience;
  private final String revendicationLogin;
  private final URI jwks;
  private volatile DefaultJWTProcessor<SecurityContext> processeur;

  public VerificateurJetons(String emetteur, String audience, String revendicationLogin, URI jwks) {
    this.emetteur = emetteur;
    this.audience = audience;
    this.revendicationLogin = revendicationLogin;
    this.jwks = jwks;
  }

  /** The login the token names, or empty if the token is not one we accept. */
  public Optional<String> login(String jeton) {
    if (jeton == null || jeton.isBlank() || jeton.length() > 16_384) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims = processeur().process(jeton.strip(), null);
      Object login = claims.getClaim(revendicationLogin);
      return login instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    } catch (java.text.ParseException | BadJOSEException | JOSEException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      // A provider that cannot be reached now: refused now, retried at the next call.
      return Optional.empty();
    }
  }

  private DefaultJWTProcessor<SecurityContext> processeur() throws java.text.ParseException {
    DefaultJWTProcessor<SecurityContext> p = processeur;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (processeur == null) {
        URI cles = jwks;
        if (cles == null) {
          try {
            cles =
                OIDCProviderMetadata.resolve(new Issuer(emetteur), DELAI_MS, DELAI_MS)
                    .getJWKSetURI();
          } catch (Exception e) {
            throw new IllegalStateException("découverte de " + emetteur + " impossible", e);
          }
        }
        JWKSource<SecurityContext> source;
        try {
          source =
              JWKSourceBuilder.<SecurityContext>create(
                      cles.toURL(), new DefaultResourceRetriever(DELAI_MS, DELAI_MS, 256 * 1024))
                  .retrying(true)
                  .build();
        } catch (java.net.MalformedURLException e) {
          throw new IllegalStateException(e);
        }
        DefaultJWTProcessor<SecurityContext> nouveau = new DefaultJWTProcessor<>();
        nouveau.setJWSKeySelector(
            new JWSVerificationKeySelector<>(
                Set.of(
                    JWSAlgorithm.RS256,
                    JWSAlgorithm.RS384,
                    JWSAlgorithm.RS512,
                    JWSAlgorithm.PS256,
                    JWSAlgorithm.ES256,
                    JWSAlgorithm.ES384),
                source));
        nouveau.setJWTClaimsSetVerifier(
            new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(emetteur).build(),
                Set.of("iss", "aud", "exp", revendicationLogin)));
        // Access tokens are "at+jwt" (RFC 9068) or plain "JWT".
        nouveau.setJWSTypeVerifier(
            new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                com.nimbusds.jose.JOSEObjectType.JWT,
                new com.nimbusds.jose.JOSEObjectType("at+jwt"),
                null));
        processeur = nouveau;
      }
      return processeur;
    }
  }
}
