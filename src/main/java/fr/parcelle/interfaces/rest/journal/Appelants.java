package fr.parcelle.interfaces.rest.journal;

import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.interfaces.rest.AuthentificationBasique.PrincipalParcelle;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/** The authenticated user of a call, as {@code AuthentificationBasique} established it. */
final class Appelants {

  private Appelants() {}

  static Optional<Utilisateur> de(SecurityContext contexte) {
    return contexte != null
            && contexte.getUserPrincipal() instanceof PrincipalParcelle(Utilisateur utilisateur)
        ? Optional.of(utilisateur)
        : Optional.empty();
  }

  static Utilisateur exige(SecurityContext contexte) {
    return de(contexte)
        .orElseThrow(
            () -> new NotAuthorizedException("Basic realm=\"Parcelle\", charset=\"UTF-8\""));
  }
}
