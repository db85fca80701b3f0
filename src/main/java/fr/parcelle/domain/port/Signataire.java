package fr.parcelle.domain.port;

import java.util.Objects;

/**
 * The person an act is signed by: their platform login (which finds their key), their full name and
 * capacity as the act shows them, and the commune they act for.
 *
 * @param login the account, e.g. "maire"
 * @param nomComplet e.g. "Maëlle Maire de Vern-sur-Seiche"
 * @param qualite e.g. "Maire de Vern-sur-Seiche"
 * @param communeInsee e.g. "35352"
 */
public record Signataire(String login, String nomComplet, String qualite, String communeInsee) {

  public Signataire {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(nomComplet, "nomComplet");
    Objects.requireNonNull(qualite, "qualite");
    Objects.requireNonNull(communeInsee, "communeInsee");
    if (!login.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("Identifiant de signataire invalide : " + login);
    }
  }
}
