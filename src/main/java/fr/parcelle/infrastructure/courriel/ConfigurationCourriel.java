package fr.parcelle.infrastructure.courriel;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * SMTP and outbox settings, from MicroProfile Config ({@code parcelle.courriel.*}); the SMTP
 * password from the environment only ({@code PARCELLE_COURRIEL_SMTP_PASSWORD}).
 *
 * @param hote SMTP server; empty: nothing is sent, messages wait in the outbox
 * @param securite {@code starttls} (required), {@code tls} (implicit, e.g. port 465) or {@code
 *     aucune} (a local relay or the demo server)
 */
public record ConfigurationCourriel(
    String hote,
    int port,
    String utilisateur,
    String motDePasse,
    String securite,
    String expediteur,
    String urlPlateforme,
    Duration intervalle,
    int lot,
    Duration premierReessai,
    Duration reessaiMaximal,
    Duration abandon,
    Duration delaiSmtp,
    LocalTime heureRecapitulatif,
    int horizonRecapitulatifJours) {

  public static final String VARIABLE_MOT_DE_PASSE = "PARCELLE_COURRIEL_SMTP_PASSWORD";

  public ConfigurationCourriel {
    securite = securite == null ? "starttls" : securite.strip().toLowerCase(Locale.ROOT);
    if (!securite.equals("starttls") && !securite.equals("tls") && !securite.equals("aucune")) {
      throw new IllegalArgumentException(
          "parcelle.courriel.smtp.securite : starttls, tls ou aucune, pas « " + securite + " ».");
    }
    if (horizonRecapitulatifJours < 1) {
      throw new IllegalArgumentException("parcelle.courriel.recapitulatif.horizon-jours : ≥ 1.");
    }
  }

  /** Whether an SMTP server is configured at all. */
  public boolean active() {
    return hote != null && !hote.isBlank();
  }

  public static ConfigurationCourriel depuis(Config c) {
    return new ConfigurationCourriel(
        texte(c, "parcelle.courriel.smtp.host", ""),
        c.getOptionalValue("parcelle.courriel.smtp.port", Integer.class).orElse(587),
        texte(c, "parcelle.courriel.smtp.user", ""),
        Optional.ofNullable(System.getenv(VARIABLE_MOT_DE_PASSE)).orElse(""),
        texte(c, "parcelle.courriel.smtp.securite", "starttls"),
        texte(c, "parcelle.courriel.expediteur", "Parcelle <ne-pas-repondre@parcelle.invalid>"),
        texte(c, "parcelle.courriel.url-plateforme", "http://localhost:8080"),
        Duration.ofSeconds(entier(c, "parcelle.courriel.intervalle-secondes", 10)),
        entier(c, "parcelle.courriel.lot", 20),
        Duration.ofSeconds(entier(c, "parcelle.courriel.reessai-initial-secondes", 60)),
        Duration.ofSeconds(entier(c, "parcelle.courriel.reessai-maximal-secondes", 3600)),
        Duration.ofHours(entier(c, "parcelle.courriel.abandon-heures", 72)),
        Duration.ofSeconds(entier(c, "parcelle.courriel.smtp.delai-secondes", 20)),
        LocalTime.parse(texte(c, "parcelle.courriel.recapitulatif.heure", "07:00")),
        entier(c, "parcelle.courriel.recapitulatif.horizon-jours", 7));
  }

  private static String texte(Config c, String cle, String defaut) {
    return c.getOptionalValue(cle, String.class).map(String::strip).orElse(defaut);
  }

  private static int entier(Config c, String cle, int defaut) {
    return c.getOptionalValue(cle, Integer.class).orElse(defaut);
  }

  @Override
  public String toString() {
    // Never the password in a log line.
    return "smtp://"
        + (utilisateur.isBlank() ? "" : utilisateur + "@")
        + hote
        + ":"
        + port
        + " ("
        + securite
        + ")";
  }
}
