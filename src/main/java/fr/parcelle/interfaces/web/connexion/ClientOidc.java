package fr.parcelle.interfaces.web.connexion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.UserInfoSuccessResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import fr.parcelle.application.securite.IdentiteExterne;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relying party of one provider: the OpenID Connect authorization code flow, by the book.
 *
 * <ul>
 *   <li>endpoints and keys from discovery ({@code .well-known/openid-configuration}); the document
 *       must name the configured issuer;
 *   <li>a random {@code state} (this browser), {@code nonce} (this ID token) and PKCE S256 verifier
 *       (this client) per sign-in; {@code acr_values} when an eIDAS level is required;
 *   <li>the ID token: signature by a key of the provider's JWKS with an asymmetric algorithm only
 *       (no "none", no HMAC keyed with a public value), issuer, audience, expiry (one minute of
 *       clock skew), nonce, and the {@code acr} level;
 *   <li>userinfo: a JWT signed by the provider for the same subject, for this client (ProConnect),
 *       or JSON where the provider allows it.
 * </ul>
 *
 * Plain Java, no container: the tests run it against a real provider in the test JVM.
 */
public class ClientOidc {

  private static final int DELAI_MS = 5_000;
  private static final Duration VALIDITE_DEMANDE = Duration.ofMinutes(10);
  private static final Set<JWSAlgorithm> ASYMETRIQUES =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  static final String INJOIGNABLE =
      "Le fournisseur d'identité ne répond pas. Réessayez dans quelques minutes.";
  static final String REFUSEE =
      "La connexion n'a pas pu être vérifiée. Recommencez depuis la page de connexion.";

  private final FournisseurOidc fournisseur;
  private volatile Decouverte decouverte;

  private record Decouverte(
      OIDCProviderMetadata metadonnees,
      JWKSource<SecurityContext> cles,
      Set<JWSAlgorithm> algorithmes,
      IDTokenValidator validateur) {}

  public ClientOidc(FournisseurOidc fournisseur) {
    this.fournisseur = fournisseur;
  }

  public FournisseurOidc fournisseur() {
    return fournisseur;
  }

  /**
   * Discovery, once it succeeds (a failure is retried at the next sign-in: the provider may have
   * been down when we started).
   */
  private Decouverte decouverte() throws ConnexionRefusee {
    Decouverte d = decouverte;
    if (d != null) {
      return d;
    }
    synchronized (this) {
      if (decouverte == null) {
        try {
          OIDCProviderMetadata m =
              OIDCProviderMetadata.resolve(new Issuer(fournisseur.emetteur()), DELAI_MS, DELAI_MS);
          JWKSource<SecurityContext> cles =
              JWKSourceBuilder.<SecurityContext>create(
                      m.getJWKSetURI().toURL(),
                      new DefaultResourceRetriever(DELAI_MS, DELAI_MS, 256 * 1024))
                  .retrying(true)
                  .build();
          Set<JWSAlgorithm> algorithmes = new HashSet<>(ASYMETRIQUES);
          if (m.getIDTokenJWSAlgs() != null && !m.getIDTokenJWSAlgs().isEmpty()) {
            algorithmes.retainAll(m.getIDTokenJWSAlgs());
          }
          if (algorithmes.isEmpty()) {
            throw new ConnexionRefusee(
                INJOIGNABLE, "aucun algorithme asymétrique annoncé par " + fournisseur.emetteur());
          }
          IDTokenValidator validateur =
              new IDTokenValidator(
                  new Issuer(fournisseur.emetteur()),
                  new ClientID(fournisseur.clientId()),
                  new JWSVerificationKeySelector<>(algorithmes, cles),
                  null);
          decouverte = new Decouverte(m, cles, Set.copyOf(algorithmes), validateur);
        } catch (com.nimbusds.oauth2.sdk.GeneralException | IOException e) {
          throw new ConnexionRefusee(
              INJOIGNABLE, "découverte de " + fournisseur.emetteur() + " : " + e.getMessage(), e);
        }
      }
      return decouverte;
    }
  }

  /** A new sign-in: fresh state, nonce and PKCE verifier, to keep in the session. */
  public DemandeEnCours commencer(URI redirection, String retour) {
    return new DemandeEnCours(
        fournisseur.nom(),
        new State().getValue(),
        new Nonce().getValue(),
        new CodeVerifier().getValue(),
        redirection.toString(),
        retour,
        Instant.now());
  }

  /** Where to send the browser for that sign-in. */
  public URI urlAutorisation(DemandeEnCours demande) throws ConnexionRefusee {
    Decouverte d = decouverte();
    AuthenticationRequest.Builder b =
        new AuthenticationRequest.Builder(
                ResponseType.CODE,
                new Scope(fournisseur.scopes().toArray(String[]::new)),
                new ClientID(fournisseur.clientId()),
                URI.create(demande.redirection()))
            .endpointURI(d.metadonnees().getAuthorizationEndpointURI())
            .state(new State(demande.state()))
            .nonce(new Nonce(demande.nonce()))
            .codeChallenge(new CodeVerifier(demande.verificateurPkce()), CodeChallengeMethod.S256);
    if (fournisseur.acr() != null) {
      b.acrValues(List.of(new ACR(fournisseur.acr())));
    }
    return b.build().toURI();
  }

  /**
   * The provider's answer on our callback ({@code parametres}: the query string), checked against
   * the sign-in this session started; the identity if every check passes.
   */
  public IdentiteOidc terminer(DemandeEnCours demande, Map<String, String> parametres)
      throws ConnexionRefusee {
    if (demande == null || !fournisseur.nom().equals(demande.fournisseur())) {
      throw new ConnexionRefusee(REFUSEE, "aucune connexion en cours dans cette session");
    }
    if (!egaux(demande.state(), parametres.get("state"))) {
      throw new ConnexionRefusee(REFUSEE, "state différent de celui de la session");
    }
    if (Instant.now().isAfter(demande.creeeLe().plus(VALIDITE_DEMANDE))) {
      throw new ConnexionRefusee(REFUSEE, "connexion commencée il y a plus de 10 minutes");
    }
    if (parametres.get("error") != null) {
      throw new ConnexionRefusee(
          "La connexion a été annulée ou refusée par le fournisseur d'identité.",
          "erreur du fournisseur : " + court(parametres.get("error")));
    }
    // RFC 9207: a provider that names itself must be the one we sent the browser to.
    String iss = parametres.get("iss");
    if (iss != null && !iss.equals(fournisseur.emetteur())) {
      throw new ConnexionRefusee(REFUSEE, "paramètre iss d'un autre émetteur : " + court(iss));
    }
    String code = parametres.get("code");
    if (code == null || code.isBlank() || code.length() > 2048) {
      throw new ConnexionRefusee(REFUSEE, "réponse sans code");
    }
    Decouverte d = decouverte();
    OIDCTokenResponse jetons = echanger(d, demande, code);
    JWT idToken = jetons.getOIDCTokens().getIDToken();
    JWTClaimsSet revendications = verifierIdToken(idToken, demande.nonce());
    String sujet = revendications.getSubject();
    JWTClaimsSet infos = userinfo(d, jetons.getOIDCTokens().getBearerAccessToken(), sujet);
    String nom =
        texte(infos, fournisseur.pourDemandeurs() ? "family_name" : "usual_name")
            .or(() -> texte(infos, "family_name"))
            .orElse(null);
    IdentiteExterne identite =
        new IdentiteExterne(
            fournisseur.nom(),
            fournisseur.emetteur(),
            sujet,
            texte(infos, "given_name").orElse(null),
            nom,
            texte(infos, "email").orElse(null));
    return new IdentiteOidc(
        identite, idToken.getParsedString(), texte(infos, "siret").orElse(null));
  }

  private OIDCTokenResponse echanger(Decouverte d, DemandeEnCours demande, String code)
      throws ConnexionRefusee {
    ClientID client = new ClientID(fournisseur.clientId());
    Secret secret = new Secret(fournisseur.secret());
    List<ClientAuthenticationMethod> methodes = d.metadonnees().getTokenEndpointAuthMethods();
    ClientAuthentication authentification =
        methodes != null
                && !methodes.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methodes.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            ? new ClientSecretPost(client, secret)
            : new ClientSecretBasic(client, secret);
    TokenRequest requete =
        new TokenRequest(
            d.metadonnees().getTokenEndpointURI(),
            authentification,
            new AuthorizationCodeGrant(
                new AuthorizationCode(code),
                URI.create(demande.redirection()),
                new CodeVerifier(demande.verificateurPkce())));
    try {
      HTTPRequest http = requete.toHTTPRequest();
      http.setConnectTimeout(DELAI_MS);
      http.setReadTimeout(DELAI_MS);
      TokenResponse reponse = OIDCTokenResponseParser.parse(http.send());
      if (!reponse.indicatesSuccess()) {
        throw new ConnexionRefusee(
            REFUSEE,
            "échange du code refusé : " + reponse.toErrorResponse().getErrorObject().getCode());
      }
      OIDCTokenResponse ok = (OIDCTokenResponse) reponse.toSuccessResponse();
      if (ok.getOIDCTokens().getIDToken() == null) {
        throw new ConnexionRefusee(REFUSEE, "réponse du jeton sans ID token");
      }
      return ok;
    } catch (IOException e) {
      throw new ConnexionRefusee(INJOIGNABLE, "échange du code : " + e.getMessage(), e);
    } catch (ParseException | ClassCastException e) {
      throw new ConnexionRefusee(REFUSEE, "réponse du jeton illisible : " + e.getMessage(), e);
    }
  }

  /** Signature, issuer, audience, expiry, nonce, then the eIDAS level. */
  JWTClaimsSet verifierIdToken(JWT idToken, String nonceAttendu) throws ConnexionRefusee {
    Decouverte d = decouverte();
    IDTokenClaimsSet revendications;
    try {
      revendications = d.validateur().validate(idToken, new Nonce(nonceAttendu));
    } catch (BadJOSEException | JOSEException e) {
      throw new ConnexionRefusee(REFUSEE, "ID token refusé : " + e.getMessage(), e);
    }
    if (fournisseur.acr() != null
        && !niveauSuffisant(
            revendications.getACR() == null ? null : revendications.getACR().getValue(),
            fournisseur.acr())) {
      throw new ConnexionRefusee(
          "Le niveau de garantie de cette identité est insuffisant pour ce service.",
          "acr "
              + (revendications.getACR() == null ? "absent" : revendications.getACR())
              + ", attendu "
              + fournisseur.acr());
    }
    try {
      return revendications.toJWTClaimsSet();
    } catch (ParseException e) {
      throw new ConnexionRefusee(REFUSEE, "revendications illisibles", e);
    }
  }

  /** {@code eidasN} levels are ordered: a higher level than asked satisfies it. */
  static boolean niveauSuffisant(String obtenu, String attendu) {
    if (obtenu == null) {
      return false;
    }
    if (obtenu.matches("eidas[1-3]") && attendu.matches("eidas[1-3]")) {
      return obtenu.charAt(5) >= attendu.charAt(5);
    }
    return obtenu.equals(attendu);
  }

  private JWTClaimsSet userinfo(Decouverte d, BearerAccessToken jeton, String sujet)
      throws ConnexionRefusee {
    URI point = d.metadonnees().getUserInfoEndpointURI();
    if (point == null || jeton == null) {
      throw new ConnexionRefusee(REFUSEE, "pas de userinfo");
    }
    UserInfoSuccessResponse ok;
    try {
      HTTPRequest http = new UserInfoRequest(point, jeton).toHTTPRequest();
      http.setConnectTimeout(DELAI_MS);
      http.setReadTimeout(DELAI_MS);
      HTTPResponse brute = http.send();
      UserInfoResponse reponse = UserInfoResponse.parse(brute);
      if (!reponse.indicatesSuccess()) {
        throw new ConnexionRefusee(REFUSEE, "userinfo refusé : " + brute.getStatusCode());
      }
      ok = reponse.toSuccessResponse();
    } catch (IOException e) {
      throw new ConnexionRefusee(INJOIGNABLE, "userinfo : " + e.getMessage(), e);
    } catch (ParseException e) {
      throw new ConnexionRefusee(REFUSEE, "userinfo illisible : " + e.getMessage(), e);
    }
    JWTClaimsSet infos;
    if (ok.getUserInfoJWT() != null) {
      infos = verifierUserinfoSignee(ok.getUserInfoJWT(), sujet);
    } else if (fournisseur.userinfoSignee()) {
      throw new ConnexionRefusee(REFUSEE, "userinfo non signé alors qu'un JWT signé est exigé");
    } else {
      try {
        infos = ok.getUserInfo().toJWTClaimsSet();
      } catch (ParseException e) {
        throw new ConnexionRefusee(REFUSEE, "userinfo illisible", e);
      }
    }
    if (!sujet.equals(infos.getSubject())) {
      throw new ConnexionRefusee(REFUSEE, "userinfo d'un autre sujet que l'ID token");
    }
    return infos;
  }

  /** A userinfo JWT: signed by the provider's keys, issued by it, for us, about this subject. */
  JWTClaimsSet verifierUserinfoSignee(JWT jwt, String sujet) throws ConnexionRefusee {
    Decouverte d = decouverte();
    DefaultJWTProcessor<SecurityContext> processeur = new DefaultJWTProcessor<>();
    processeur.setJWSKeySelector(new JWSVerificationKeySelector<>(d.algorithmes(), d.cles()));
    processeur.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            fournisseur.clientId(),
            new JWTClaimsSet.Builder().issuer(fournisseur.emetteur()).subject(sujet).build(),
            Set.of("iss", "sub", "aud")));
    try {
      return processeur.process(jwt, null);
    } catch (BadJOSEException | JOSEException e) {
      throw new ConnexionRefusee(REFUSEE, "userinfo signé refusé : " + e.getMessage(), e);
    }
  }

  /** Same, from the raw text (tests and callers holding a string). */
  JWTClaimsSet verifierUserinfoSignee(String jwt, String sujet) throws ConnexionRefusee {
    try {
      return verifierUserinfoSignee(JWTParser.parse(jwt), sujet);
    } catch (java.text.ParseException e) {
      throw new ConnexionRefusee(REFUSEE, "userinfo illisible", e);
    }
  }

  /**
   * The provider's logout for this session (end_session_endpoint with id_token_hint, where to come
   * back and a state), if it has one.
   */
  public Optional<URI> deconnexion(String idToken, URI apres) {
    try {
      Decouverte d = decouverte();
      URI fin = d.metadonnees().getEndSessionEndpointURI();
      if (fin == null || idToken == null) {
        return Optional.empty();
      }
      return Optional.of(
          new LogoutRequest(fin, JWTParser.parse(idToken), apres, new State()).toURI());
    } catch (ConnexionRefusee | java.text.ParseException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> texte(JWTClaimsSet claims, String nom) {
    Object v = claims.getClaim(nom);
    return v instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
  }

  private static boolean egaux(String attendu, String recu) {
    return attendu != null
        && recu != null
        && MessageDigest.isEqual(
            attendu.getBytes(StandardCharsets.UTF_8), recu.getBytes(StandardCharsets.UTF_8));
  }

  private static String court(String s) {
    String propre = s.replaceAll("[^\\p{Alnum}_.:/-]", "?");
    return propre.length() > 100 ? propre.substring(0, 100) : propre;
  }
}
