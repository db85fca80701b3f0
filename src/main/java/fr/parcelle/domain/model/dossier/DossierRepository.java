package fr.parcelle.domain.model.dossier;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where dossiers are kept (port; the JPA adapter lives in infrastructure.persistence). */
public interface DossierRepository {

  void ajouter(Dossier dossier);

  Optional<Dossier> parId(UUID id);

  Optional<Dossier> parNumero(NumeroDossier numero);

  /** Dossiers filed by this account, newest first. */
  List<Dossier> duDepositaire(String login);

  /**
   * Takes the next rank of the sequence for this nature, commune and year, inside the caller's
   * transaction: the rank is given back if that transaction rolls back, and concurrent deposits
   * wait for each other.
   */
  int prochainRang(String nature, String communeInsee, int annee);
}
