package fr.parcelle.application.securite;

import java.util.Objects;

/**
 * A person as an identity provider (FranceConnect, ProConnect) vouched for them: the provider's
 * stable subject, and the names and e-mail it gave. Nothing here is a right: rights come from the
 * local account the identity is linked to.
 */
public record IdentiteExterne(
    String fournisseur, String emetteur, String sujet, String prenom, String nom, String email) {

  public IdentiteExterne {
    Objects.requireNonNull(fournisseur);
    Objects.requireNonNull(emetteur);
    if (sujet == null || sujet.isBlank()) {
      throw new IllegalArgumentException("identité sans sujet");
    }
  }
}
