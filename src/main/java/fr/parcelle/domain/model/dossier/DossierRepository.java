package fr.parcelle.domain.model.dossier;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where dossiers are kept (port; the JPA adapter lives in infrastructure.persistence). */
public interface DossierRepository {

  void ajouter(Dossier dossier);

  Optional<Dossier> parId(UUID id);

  /**
   * The dossier, locked for update until the end of the transaction (deposit, pièce replacement).
   */
  Optional<Dossier> parIdPourModification(UUID id);

  /** A light read of what the check before an upload needs (no aggregate loaded). */
  Optional<ApercuDossier> apercu(UUID id);

  Optional<Dossier> parNumero(NumeroDossier numero);

  /** The dossier of this number, locked for update until the end of the transaction. */
  Optional<Dossier> parNumeroPourModification(NumeroDossier numero);

  /** The dossier this account already deposited with this idempotency key, if any. */
  Optional<Dossier> parCleIdempotence(String depositaire, String cle);

  /** Dossiers filed by this account or naming this e-mail address as a demandeur, newest first. */
  List<Dossier> deLUtilisateur(String login, String email);

  /**
   * Takes the next rank of the sequence for this nature, commune and year, inside the caller's
   * transaction: the rank is given back if that transaction rolls back, and concurrent deposits
   * wait for each other.
   */
  /**
   * Dossiers of a commune whose avis de dépôt is published (the public register, R423-6 and
   * R424-15), most recent first.
   */
  List<Dossier> registre(String communeInsee, int premier, int nombre);

  int prochainRang(String nature, String communeInsee, int annee);

  /**
   * Next rank of a modificatif or transfert of this authorisation (1 for M01); the caller holds its
   * lock.
   */
  int prochainRangDerive(NumeroDossier autorisation, NatureDemande nature);
}
