package fr.parcelle.interfaces.web.connexion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole authorization code flow against a real provider running in this JVM: the browser's
 * redirections are followed by hand (authorize answers 302 to our callback with code and state),
 * then {@link ClientOidc#terminer} does what the callback does. Every forgery is refused, the
 * honest flow is accepted.
 */
class ClientOidcTest {

  private static final URI RETOUR = URI.create("http://localhost:8080/connexion/retour");
  private static FournisseurDeTest fournisseur;
  private static final HttpClient NAVIGATEUR = HttpClient.newHttpClient();

  private static final Map<String, Object> CAMILLE =
      Map.of(
          "acr", "eidas1",
          "given_name", "Camille",
          "family_name", "Martin",
          "email", "camille.martin@example.org");

  @BeforeAll
  static void demarrer() {
    fournisseur = new FournisseurDeTest(0);
  }

  @AfterAll
  static void arreter() {
    fournisseur.close();
  }

  private static ClientOidc franceConnect() {
    return new ClientOidc(
        new FournisseurOidc(
            "franceconnect",
            fournisseur.emetteur("franceconnect"),
            FournisseurDeTest.CLIENT,
            "secret-de-test",
            List.of("openid", "given_name", "family_name", "email"),
            "eidas1",
            false));
  }

  private static ClientOidc proConnect() {
    return new ClientOidc(
        new FournisseurOidc(
            "proconnect",
            fournisseur.emetteur("proconnect"),
            FournisseurDeTest.CLIENT,
            "secret-de-test",
            List.of("openid", "given_name", "usual_name", "email", "siret"),
            null,
            true));
  }

  /** The browser at the provider: authorize answers with a redirection to our callback. */
  private static Map<String, String> autoriser(URI url) throws Exception {
    HttpResponse<String> r =
        NAVIGATEUR.send(
            HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    URI retour = URI.create(r.headers().firstValue("Location").orElseThrow());
    assertThat(retour.getPath()).isEqualTo(RETOUR.getPath());
    Map<String, String> parametres = new LinkedHashMap<>();
    for (String p : retour.getRawQuery().split("&")) {
      String[] kv = p.split("=", 2);
      parametres.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return parametres;
  }

  @Test
  void le_parcours_honnete_donne_l_identite_et_la_demande_porte_state_nonce_pkce_et_acr()
      throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    URI url = client.urlAutorisation(demande);
    assertThat(url.getQuery())
        .contains("state=" + demande.state())
        .contains("nonce=" + demande.nonce())
        .contains("acr_values=eidas1")
        .contains("code_challenge_method=S256")
        .contains("response_type=code");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", CAMILLE, 3600);

    IdentiteOidc resultat = client.terminer(demande, autoriser(url));

    assertThat(resultat.identite().sujet()).isEqualTo("sujet-camille");
    assertThat(resultat.identite().emetteur()).isEqualTo(fournisseur.emetteur("franceconnect"));
    assertThat(resultat.identite().prenom()).isEqualTo("Camille");
    assertThat(resultat.identite().nom()).isEqualTo("Martin");
    assertThat(resultat.identite().email()).isEqualTo("camille.martin@example.org");
    assertThat(client.deconnexion(resultat.idToken(), URI.create("http://localhost:8080/")))
        .hasValueSatisfying(
            u -> assertThat(u.toString()).contains("id_token_hint=").contains("endsession"));
  }

  @Test
  void un_state_different_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", CAMILLE, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(demande));
    reponse.put("state", "forge-" + demande.state());

    assertThatThrownBy(() -> client.terminer(demande, reponse))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(e -> assertThat(((ConnexionRefusee) e).raison()).contains("state"));
  }

  @Test
  void une_reponse_pour_une_autre_demande_que_celle_de_la_session_est_refusee() throws Exception {
    // The attacker's own code and state, injected into the victim's browser (login CSRF).
    ClientOidc client = franceConnect();
    DemandeEnCours victime = client.commencer(RETOUR, "/");
    DemandeEnCours attaquant = client.commencer(RETOUR, "/");
    fournisseur.prochaineConnexion("franceconnect", "sujet-attaquant", CAMILLE, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(attaquant));

    assertThatThrownBy(() -> client.terminer(victime, reponse))
        .isInstanceOf(ConnexionRefusee.class);
  }

  @Test
  void un_nonce_different_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", CAMILLE, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(demande));
    // Same browser, state and PKCE verifier; the ID token carries the nonce of the request, not
    // this one (a token replayed from another sign-in).
    DemandeEnCours autreNonce =
        new DemandeEnCours(
            demande.fournisseur(),
            demande.state(),
            "nonce-d-une-autre-connexion",
            demande.verificateurPkce(),
            demande.redirection(),
            demande.retour(),
            demande.creeeLe());

    assertThatThrownBy(() -> client.terminer(autreNonce, reponse))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(e -> assertThat(((ConnexionRefusee) e).raison()).containsIgnoringCase("nonce"));
  }

  @Test
  void un_id_token_d_un_autre_emetteur_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    Map<String, Object> autreEmetteur = new LinkedHashMap<>(CAMILLE);
    autreEmetteur.put("iss", "https://faux-franceconnect.example");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", autreEmetteur, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(demande));

    assertThatThrownBy(() -> client.terminer(demande, reponse))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(e -> assertThat(((ConnexionRefusee) e).raison()).containsIgnoringCase("iss"));
  }

  @Test
  void un_jeton_signe_d_une_autre_cle_sous_le_meme_kid_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", CAMILLE, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(demande));
    client.terminer(demande, reponse); // honest: accepted; now forge one like it
    SignedJWT vrai =
        SignedJWT.parse(
            fournisseur.serveur().issueToken("franceconnect", "sujet-camille").serialize());
    RSAKey cleDeLAttaquant =
        new RSAKeyGenerator(2048).keyID(vrai.getHeader().getKeyID()).generate();
    JWTClaimsSet revendications =
        new JWTClaimsSet.Builder()
            .issuer(fournisseur.emetteur("franceconnect"))
            .audience(FournisseurDeTest.CLIENT)
            .subject("sujet-de-quelqu-un-d-autre")
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
            .claim("nonce", demande.nonce())
            .claim("acr", "eidas1")
            .build();
    SignedJWT forge =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(vrai.getHeader().getKeyID()).build(),
            revendications);
    forge.sign(new RSASSASigner(cleDeLAttaquant));

    assertThatThrownBy(() -> client.verifierIdToken(forge, demande.nonce()))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(
            e -> assertThat(((ConnexionRefusee) e).raison()).containsIgnoringCase("signature"));
    // and the same claims with "alg": "none" are not even considered
    assertThatThrownBy(
            () ->
                client.verifierIdToken(
                    new com.nimbusds.jwt.PlainJWT(revendications), demande.nonce()))
        .isInstanceOf(ConnexionRefusee.class);
  }

  @Test
  void un_id_token_expire_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    // Signed by the provider's own key, for us, with our nonce and level: only the date is wrong
    // (ten minutes ago, beyond the minute of clock skew allowed).
    Map<String, Object> revendications = new LinkedHashMap<>(CAMILLE);
    revendications.put("nonce", demande.nonce());
    SignedJWT expire =
        fournisseur
            .serveur()
            .issueToken(
                "franceconnect",
                FournisseurDeTest.CLIENT,
                new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                    "franceconnect",
                    "sujet-camille",
                    "JWT",
                    List.of(FournisseurDeTest.CLIENT),
                    revendications,
                    -600));
    assertThat(expire.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());

    assertThatThrownBy(() -> client.verifierIdToken(expire, demande.nonce()))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(
            e -> assertThat(((ConnexionRefusee) e).raison()).containsIgnoringCase("expired"));
    // The same token, still valid, is accepted: the refusal above is the date's.
    revendications.put("nonce", demande.nonce());
    SignedJWT valide =
        fournisseur
            .serveur()
            .issueToken(
                "franceconnect",
                FournisseurDeTest.CLIENT,
                new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                    "franceconnect",
                    "sujet-camille",
                    "JWT",
                    List.of(FournisseurDeTest.CLIENT),
                    revendications,
                    600));
    assertThat(client.verifierIdToken(valide, demande.nonce()).getSubject())
        .isEqualTo("sujet-camille");
  }

  @Test
  void un_niveau_eidas_absent_ou_insuffisant_est_refuse() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    Map<String, Object> sansAcr = new LinkedHashMap<>(CAMILLE);
    sansAcr.remove("acr");
    fournisseur.prochaineConnexion("franceconnect", "sujet-camille", sansAcr, 3600);
    Map<String, String> reponse = autoriser(client.urlAutorisation(demande));

    assertThatThrownBy(() -> client.terminer(demande, reponse))
        .isInstanceOf(ConnexionRefusee.class)
        .hasMessageContaining("niveau de garantie");
    assertThat(ClientOidc.niveauSuffisant("eidas2", "eidas1")).isTrue();
    assertThat(ClientOidc.niveauSuffisant("eidas1", "eidas2")).isFalse();
  }

  @Test
  void une_erreur_du_fournisseur_est_refusee_en_francais() throws Exception {
    ClientOidc client = franceConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    assertThatThrownBy(
            () ->
                client.terminer(
                    demande, Map.of("state", demande.state(), "error", "access_denied")))
        .isInstanceOf(ConnexionRefusee.class)
        .hasMessageContaining("annulée");
  }

  @Test
  void proconnect_donne_un_userinfo_signe_verifie_avec_le_siret() throws Exception {
    ClientOidc client = proConnect();
    DemandeEnCours demande = client.commencer(RETOUR, "/app/tasklist/");
    fournisseur.prochaineConnexion(
        "proconnect",
        "sujet-agent",
        Map.of(
            "given_name", "Yann",
            "usual_name", "Instructeur",
            "email", "yann@rennesmetropole.example",
            "siret", "24350013900189",
            "idp_id", "fia1"),
        3600);

    IdentiteOidc resultat = client.terminer(demande, autoriser(client.urlAutorisation(demande)));

    assertThat(resultat.identite().nom()).isEqualTo("Instructeur");
    assertThat(resultat.identite().email()).isEqualTo("yann@rennesmetropole.example");
    assertThat(resultat.siret()).isEqualTo("24350013900189");
  }

  @Test
  void un_userinfo_signe_pour_un_autre_sujet_ou_un_autre_client_est_refuse() throws Exception {
    ClientOidc client = proConnect();
    String autreSujet =
        fournisseur
            .serveur()
            .issueToken(
                "proconnect",
                FournisseurDeTest.CLIENT,
                new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                    "proconnect",
                    "quelqu-un-d-autre",
                    "JWT",
                    List.of(FournisseurDeTest.CLIENT),
                    Map.of(),
                    60))
            .serialize();
    assertThatThrownBy(() -> client.verifierUserinfoSignee(autreSujet, "sujet-agent"))
        .isInstanceOf(ConnexionRefusee.class);
    String autreClient =
        fournisseur
            .serveur()
            .issueToken(
                "proconnect",
                "autre-client",
                new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                    "proconnect", "sujet-agent", "JWT", List.of("autre-client"), Map.of(), 60))
            .serialize();
    assertThatThrownBy(() -> client.verifierUserinfoSignee(autreClient, "sujet-agent"))
        .isInstanceOf(ConnexionRefusee.class);
  }

  @Test
  void un_userinfo_en_json_est_refuse_quand_un_jwt_signe_est_exige() throws Exception {
    // The FranceConnect issuer of the test provider answers userinfo in JSON.
    ClientOidc client =
        new ClientOidc(
            new FournisseurOidc(
                "proconnect",
                fournisseur.emetteur("franceconnect"),
                FournisseurDeTest.CLIENT,
                "s",
                List.of("openid", "email"),
                null,
                true));
    DemandeEnCours demande = client.commencer(RETOUR, "/");
    fournisseur.prochaineConnexion("franceconnect", "sujet-agent", Map.of("email", "a@b.fr"), 3600);

    assertThatThrownBy(() -> client.terminer(demande, autoriser(client.urlAutorisation(demande))))
        .isInstanceOf(ConnexionRefusee.class)
        .satisfies(e -> assertThat(((ConnexionRefusee) e).raison()).contains("non signé"));
  }
}
