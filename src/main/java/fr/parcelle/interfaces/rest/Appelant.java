package fr.parcelle.interfaces.rest;

import fr.parcelle.application.securite.Utilisateur;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The authenticated user of the current call, as {@link AuthentificationBasique} established it.
 */
final class Appelant {

  private Appelant() {}

  static Utilisateur de(SecurityContext contexte) {
    if (contexte.getUserPrincipal()
        instanceof AuthentificationBasique.PrincipalParcelle(Utilisateur utilisateur)) {
      return utilisateur;
    }
    throw new NotAuthorizedException(AuthentificationBasique.DEFI);
  }
}
