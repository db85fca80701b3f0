package fr.parcelle.application;

import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.port.MenageStockage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A pass of the document store's housekeeping on an administrator's request. */
@ApplicationScoped
public class MenageService {

  @Inject MenageStockage menage;

  public MenageStockage.Bilan passer(Utilisateur u) {
    if (!u.a(Role.ADMINISTRATEUR)) {
      throw new AccesRefuseException("Le ménage du stockage est réservé aux administrateurs.");
    }
    MenageStockage.Bilan bilan = menage.passer();
    if (!bilan.effectue()) {
      throw new OperationImpossibleException(
          "Un ménage du stockage est déjà en cours ; réessayez quand il sera terminé.");
    }
    return bilan;
  }
}
