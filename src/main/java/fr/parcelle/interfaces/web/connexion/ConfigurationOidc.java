package fr.parcelle.interfaces.web.connexion;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The providers configured through MicroProfile Config ({@code parcelle.oidc.<nom>.issuer}, {@code
 * .client-id}, {@code .scopes}, {@code .acr}, {@code .userinfo-signee}); the client secret comes
 * only from the environment ({@code PARCELLE_OIDC_<NOM>_CLIENT_SECRET}), never from a file of the
 * application. A provider without issuer is off; one with an issuer but no client id or secret is
 * off with a warning (naming what is missing, never a value).
 */
@ApplicationScoped
public class ConfigurationOidc {

  private static final Logger LOG = Logger.getLogger(ConfigurationOidc.class.getName());

  private final Map<String, ClientOidc> clients = new LinkedHashMap<>();
  private URI redirection;
  private VerificateurJetons jetonsApi;

  @PostConstruct
  void lire() {
    Config config = ConfigProvider.getConfig();
    lire(config::getOptionalValue, System::getenv);
  }

  /** Reads the providers from any source (tests give maps). */
  void lire(
      java.util.function.BiFunction<String, Class<String>, Optional<String>> valeur,
      Function<String, String> environnement) {
    clients.clear();
    for (String nom : List.of(FournisseurOidc.FRANCECONNECT, FournisseurOidc.PROCONNECT)) {
      String prefixe = "parcelle.oidc." + nom + ".";
      Optional<String> emetteur = valeur.apply(prefixe + "issuer", String.class);
      if (emetteur.isEmpty() || emetteur.get().isBlank()) {
        continue;
      }
      Optional<String> clientId = valeur.apply(prefixe + "client-id", String.class);
      String variable = "PARCELLE_OIDC_" + nom.toUpperCase(Locale.ROOT) + "_CLIENT_SECRET";
      String secret = environnement.apply(variable);
      if (clientId.isEmpty() || secret == null || secret.isBlank()) {
        LOG.warning(
            () ->
                "Connexion "
                    + nom
                    + " désactivée : "
                    + (clientId.isEmpty()
                        ? prefixe + "client-id manquant"
                        : variable + " absente"));
        continue;
      }
      boolean demandeurs = FournisseurOidc.FRANCECONNECT.equals(nom);
      List<String> scopes =
          Arrays.stream(
                  valeur
                      .apply(prefixe + "scopes", String.class)
                      .orElse(
                          demandeurs
                              ? "openid given_name family_name email"
                              : "openid given_name usual_name email uid siret idp_id")
                      .split("[\\s,]+"))
              .filter(s -> !s.isBlank())
              .toList();
      String acr = valeur.apply(prefixe + "acr", String.class).orElse(demandeurs ? "eidas1" : "");
      boolean signee =
          Boolean.parseBoolean(
              valeur
                  .apply(prefixe + "userinfo-signee", String.class)
                  .orElse(String.valueOf(!demandeurs)));
      FournisseurOidc f =
          new FournisseurOidc(
              nom, emetteur.get().strip(), clientId.get().strip(), secret, scopes, acr, signee);
      clients.put(nom, new ClientOidc(f));
      LOG.info(() -> "Connexion " + nom + " activée : " + f);
    }
    Optional<String> emetteurApi = valeur.apply("parcelle.oidc.api.issuer", String.class);
    Optional<String> audienceApi = valeur.apply("parcelle.oidc.api.audience", String.class);
    jetonsApi = null;
    if (emetteurApi.isPresent() && audienceApi.isPresent()) {
      jetonsApi =
          new VerificateurJetons(
              emetteurApi.get().strip(),
              audienceApi.get().strip(),
              valeur.apply("parcelle.oidc.api.claim-login", String.class).orElse("sub"),
              valeur
                  .apply("parcelle.oidc.api.jwks-uri", String.class)
                  .map(URI::create)
                  .orElse(null));
      LOG.info(() -> "Jetons d'accès à l'API acceptés de " + emetteurApi.get());
    } else if (emetteurApi.isPresent() || audienceApi.isPresent()) {
      LOG.warning(
          "Jetons d'accès à l'API désactivés : parcelle.oidc.api.issuer et .audience vont ensemble.");
    }
    redirection =
        valeur
            .apply("parcelle.oidc.redirect-uri", String.class)
            .filter(s -> !s.isBlank())
            .map(URI::create)
            .orElse(null);
  }

  /** The verifier of bearer tokens on /api/v1, if an issuer and an audience are configured. */
  public Optional<VerificateurJetons> jetonsApi() {
    return Optional.ofNullable(jetonsApi);
  }

  public Optional<ClientOidc> client(String nom) {
    return Optional.ofNullable(clients.get(nom));
  }

  /** The callback URL registered with the providers, if fixed by configuration. */
  public Optional<URI> redirection() {
    return Optional.ofNullable(redirection);
  }
}
