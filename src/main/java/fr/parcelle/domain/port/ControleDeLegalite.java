package fr.parcelle.domain.port;

import java.time.LocalDate;
import java.util.List;

/**
 * Transmission of a decision to the préfet for the contrôle de légalité (L2131-2 CGCT, L424-7 code
 * de l'urbanisme). National systems (PLAT'AU, @CTES) sit behind this port.
 */
public interface ControleDeLegalite {

  /** Sends the act and its documents; returns the acknowledgement. */
  Accuse transmettre(Acte acte);

  /** An act to transmit: the decision of a dossier and its documents. */
  record Acte(
      String numeroDossier,
      String communeInsee,
      String nature,
      LocalDate dateActe,
      List<Document> documents) {}

  /** A document of the act. */
  record Document(String nom, String typeMedia, byte[] contenu) {}

  /** The acknowledgement: identifier of the exchange and date of receipt by the préfet. */
  record Accuse(String identifiant, LocalDate dateReception) {}
}
