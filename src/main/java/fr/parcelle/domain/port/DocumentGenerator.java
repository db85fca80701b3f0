package fr.parcelle.domain.port;

import fr.parcelle.domain.model.dossier.ArreteADelivrer;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;

/** Produces the documents the platform issues, as PDF bytes. */
public interface DocumentGenerator {

  /** The accusé d'enregistrement électronique (CRPA L112-11, R112-11-1). */
  byte[] accuseEnregistrement(Dossier dossier, Commune commune, ServiceInstructeur service);

  /**
   * The récépissé de dépôt / accusé de réception électronique (R423-3 to R423-5, CRPA R112-11-1).
   */
  byte[] recepisse(
      Dossier dossier,
      Commune commune,
      ServiceInstructeur service,
      CaracteristiquesType caracteristiques);

  /**
   * The arrêté of an express decision (or the certificat d'urbanisme), unsigned, with an empty
   * signature field where the maire's electronic signature goes.
   */
  byte[] arrete(ArreteADelivrer arrete);

  /**
   * The certificate of a tacit decision (R424-13; CRPA L232-3 attestation): that silence at the end
   * of the délai gave this decision, on this date.
   */
  byte[] certificatDecisionTacite(Dossier dossier, Commune commune);

  /**
   * The letter of the instruction's first month: the request for missing pièces (R423-38, R423-39)
   * and/or the majoration of the délai (R423-42), as recorded in the dossier.
   */
  byte[] courrierPremierMois(Dossier dossier, Commune commune, ServiceInstructeur service);

  /**
   * The receipt of a declaration filed on an authorisation after its decision: DOC (R424-16) or
   * DAACT (R462-1, with the end of the récolement window, R462-6 and R462-7).
   */
  byte[] recepisseDeclaration(
      Dossier autorisation,
      fr.parcelle.domain.model.dossier.DeclarationChantier declaration,
      fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle regle,
      Commune commune);
}
