package fr.parcelle.interfaces.web.connexion;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bearer tokens of architects' software, from a real authorisation server in the test JVM. */
class VerificateurJetonsTest {

  private static FournisseurDeTest serveur;
  private static VerificateurJetons verificateur;

  @BeforeAll
  static void demarrer() {
    serveur = new FournisseurDeTest(0);
    verificateur =
        new VerificateurJetons(serveur.emetteur("logiciels"), "parcelle-api", "sub", null);
  }

  @AfterAll
  static void arreter() {
    serveur.close();
  }

  private static String jeton(String emetteur, String audience, long expiration) {
    return serveur
        .serveur()
        .issueToken(
            emetteur,
            "logiciel-cabinet",
            new DefaultOAuth2TokenCallback(
                emetteur, "architecte", "JWT", List.of(audience), Map.of(), expiration))
        .serialize();
  }

  @Test
  void un_jeton_du_bon_serveur_pour_l_api_nomme_le_compte() {
    assertThat(verificateur.login(jeton("logiciels", "parcelle-api", 300)))
        .isEqualTo(Optional.of("architecte"));
  }

  @Test
  void autre_audience_autre_emetteur_expire_ou_mal_signe_sont_refuses() throws Exception {
    assertThat(verificateur.login(jeton("logiciels", "autre-api", 300))).isEmpty();
    assertThat(verificateur.login(jeton("autre-serveur", "parcelle-api", 300))).isEmpty();
    assertThat(verificateur.login(jeton("logiciels", "parcelle-api", -600))).isEmpty();

    String vrai = jeton("logiciels", "parcelle-api", 300);
    SignedJWT original = SignedJWT.parse(vrai);
    RSAKey cle = new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
    JWTClaimsSet memes =
        new JWTClaimsSet.Builder(original.getJWTClaimsSet())
            .subject("admin")
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .build();
    SignedJWT forge =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(original.getHeader().getKeyID())
                .build(),
            memes);
    forge.sign(new RSASSASigner(cle));
    assertThat(verificateur.login(forge.serialize())).isEmpty();
    assertThat(verificateur.login(new PlainJWT(memes).serialize())).isEmpty();
    // payload swapped under the provider's genuine signature
    String[] parties = vrai.split("\\.");
    String autreCharge =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(memes.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(verificateur.login(parties[0] + "." + autreCharge + "." + parties[2])).isEmpty();
    assertThat(verificateur.login("pas-un-jwt")).isEmpty();
  }

  @Test
  void la_configuration_ne_prend_le_secret_que_de_l_environnement() {
    ConfigurationOidc config = new ConfigurationOidc();
    Map<String, String> proprietes =
        Map.of(
            "parcelle.oidc.franceconnect.issuer", "https://fc.example/api/v2",
            "parcelle.oidc.franceconnect.client-id", "id",
            "parcelle.oidc.franceconnect.client-secret", "dans-un-fichier",
            "parcelle.oidc.proconnect.issuer", "https://pc.example/api/v2",
            "parcelle.oidc.proconnect.client-id", "id-pc");
    config.lire(
        (cle, type) -> Optional.ofNullable(proprietes.get(cle)),
        Map.of("PARCELLE_OIDC_PROCONNECT_CLIENT_SECRET", "s")::get);

    assertThat(config.client("franceconnect")).as("secret dans un fichier : ignoré").isEmpty();
    assertThat(config.client("proconnect"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.fournisseur().userinfoSignee()).isTrue();
              assertThat(c.fournisseur().scopes()).contains("usual_name", "siret", "idp_id");
              assertThat(c.fournisseur().toString()).doesNotContain("s]");
            });
    assertThat(config.jetonsApi()).isEmpty();
  }
}
