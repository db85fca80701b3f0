package fr.parcelle.interfaces.web.connexion;

import java.util.List;
import java.util.Objects;

/**
 * One OpenID provider as configured: its issuer (discovery from {@code
 * <issuer>/.well-known/openid-configuration}), our client id and secret, the scopes asked, the
 * minimum {@code acr} the ID token must carry (FranceConnect: {@code eidas1}; empty: not checked)
 * and whether userinfo must come as a signed JWT (ProConnect).
 *
 * @param nom {@code franceconnect} or {@code proconnect}
 */
public record FournisseurOidc(
    String nom,
    String emetteur,
    String clientId,
    String secret,
    List<String> scopes,
    String acr,
    boolean userinfoSignee) {

  public static final String FRANCECONNECT = "franceconnect";
  public static final String PROCONNECT = "proconnect";

  public FournisseurOidc {
    Objects.requireNonNull(nom);
    Objects.requireNonNull(emetteur);
    Objects.requireNonNull(clientId);
    Objects.requireNonNull(secret);
    scopes = List.copyOf(scopes);
    acr = acr == null || acr.isBlank() ? null : acr.strip();
  }

  /** Whether people signing in here are applicants (provisioned) rather than agents (linked). */
  public boolean pourDemandeurs() {
    return FRANCECONNECT.equals(nom);
  }

  @Override
  public String toString() {
    // Never the secret: records print every component.
    return "FournisseurOidc[" + nom + ", " + emetteur + ", " + clientId + "]";
  }
}
