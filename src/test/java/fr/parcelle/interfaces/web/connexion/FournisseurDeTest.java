package fr.parcelle.interfaces.web.connexion;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;

/**
 * A real OpenID provider in the test JVM ({@code mock-oauth2-server}: discovery, JWKS, authorize,
 * token, userinfo, end session), with two issuers named like ours. The ProConnect issuer answers
 * userinfo as ProConnect does, a JWT signed with the issuer's own key, through an extra route.
 */
public final class FournisseurDeTest implements AutoCloseable {

  public static final String CLIENT = "parcelle";

  private final MockOAuth2Server serveur;

  public FournisseurDeTest(int port) {
    MockOAuth2Server[] soi = new MockOAuth2Server[1];
    serveur = new MockOAuth2Server(new OAuth2Config(), new UserinfoSignee(soi));
    soi[0] = serveur;
    serveur.start(port);
  }

  public MockOAuth2Server serveur() {
    return serveur;
  }

  public String emetteur(String nom) {
    return serveur.issuerUrl(nom).toString();
  }

  /** The next token request of {@code emetteur} answers for this person with these claims. */
  public void prochaineConnexion(
      String emetteur, String sujet, Map<String, Object> revendications, long expirationSecondes) {
    serveur.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            emetteur, sujet, "JWT", List.of(CLIENT), revendications, expirationSecondes));
  }

  @Override
  public void close() {
    serveur.shutdown();
  }

  /** {@code GET /proconnect/userinfo}: the access token's claims, re-issued as a signed JWT. */
  private record UserinfoSignee(MockOAuth2Server[] serveur) implements Route {
    @Override
    public boolean match(OAuth2HttpRequest requete) {
      return requete.getUrl().encodedPath().equals("/proconnect/userinfo");
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest requete) {
      try {
        String autorisation = requete.getHeaders().get("Authorization");
        JWTClaimsSet acces = SignedJWT.parse(autorisation.substring(7)).getJWTClaimsSet();
        Map<String, Object> revendications = new java.util.HashMap<>(acces.getClaims());
        for (String technique : List.of("iss", "aud", "exp", "iat", "nbf", "jti", "sub", "tid")) {
          revendications.remove(technique);
        }
        SignedJWT jwt =
            serveur[0].issueToken(
                "proconnect",
                CLIENT,
                new DefaultOAuth2TokenCallback(
                    "proconnect", acces.getSubject(), "JWT", List.of(CLIENT), revendications, 60));
        return new OAuth2HttpResponse(
            Headers.of("Content-Type", "application/jwt"), 200, jwt.serialize(), null);
      } catch (java.text.ParseException e) {
        return new OAuth2HttpResponse(Headers.of(), 401, "jeton illisible", null);
      }
    }
  }
}
