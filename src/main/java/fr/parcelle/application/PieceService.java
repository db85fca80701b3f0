package fr.parcelle.application;

import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.port.DocumentInspector;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Receiving a pièce: rights and catalogue checked before reading a byte; the body streamed to a
 * temporary file and hashed; the file inspected; kept only if accepted, then recorded. A refused
 * file leaves nothing behind. No database transaction is held while bytes arrive.
 */
@ApplicationScoped
public class PieceService {

  private final DossierService dossiers;
  private final DocumentStore stockage;
  private final DocumentInspector inspecteur;
  private final Clock horloge;
  private final long tailleMax;
  private final QuotaTeleversements quota;

  @Inject
  public PieceService(
      DossierService dossiers,
      DocumentStore stockage,
      DocumentInspector inspecteur,
      Clock horloge,
      QuotaTeleversements quota,
      @ConfigProperty(name = "parcelle.pieces.max-octets", defaultValue = "104857600")
          long tailleMax) {
    this.dossiers = dossiers;
    this.stockage = stockage;
    this.inspecteur = inspecteur;
    this.horloge = horloge;
    this.quota = quota;
    this.tailleMax = Math.max(tailleMax, 10L * 1024 * 1024); // A423-5: 10 MB are always accepted
  }

  /** CDI proxy constructor. */
  protected PieceService() {
    this.dossiers = null;
    this.stockage = null;
    this.inspecteur = null;
    this.horloge = null;
    this.quota = null;
    this.tailleMax = 0;
  }

  public PieceJointe recevoir(
      Utilisateur u, UUID dossierId, String code, String nomFichier, InputStream contenu)
      throws IOException {
    return recevoir(u, dossierId, code, nomFichier, contenu, false);
  }

  /**
   * The document of a consulted service's avis, checked like a pièce, sent by the service's agent
   * or by the instructor who received it.
   */
  public PieceJointe recevoirDocumentAvis(
      Utilisateur u, UUID dossierId, String service, String nomFichier, InputStream contenu)
      throws IOException {
    dossiers.consultationModifiable(u, dossierId, service);
    try (QuotaTeleversements.Place place = quota.entrer(u.login());
        DocumentStore.Reception recue = stockage.recevoir(place.surveiller(contenu), tailleMax)) {
      DocumentInspector.Inspection inspection = inspecteur.inspecter(recue.fichier());
      recue.conserver();
      PieceJointe document =
          new PieceJointe(
              service,
              NomDeFichier.nettoyer(nomFichier, "avis-" + service, inspection.typeMedia()),
              recue.taille(),
              inspection.typeMedia(),
              recue.empreinte(),
              inspection.pages().orElse(null),
              horloge.instant());
      dossiers.joindreDocumentAvis(u, dossierId, service, document);
      return document;
    }
  }

  /** A pièce answering the request for missing pièces (R423-38), checked as at filing. */
  public PieceJointe recevoirComplement(
      Utilisateur u, UUID dossierId, String code, String nomFichier, InputStream contenu)
      throws IOException {
    return recevoir(u, dossierId, code, nomFichier, contenu, true);
  }

  private PieceJointe recevoir(
      Utilisateur u,
      UUID dossierId,
      String code,
      String nomFichier,
      InputStream contenu,
      boolean complement)
      throws IOException {
    PieceAttendue attendue =
        complement
            ? dossiers.pieceComplementaireAcceptable(u, dossierId, code)
            : dossiers.pieceAcceptable(u, dossierId, code);
    try (QuotaTeleversements.Place place = quota.entrer(u.login());
        DocumentStore.Reception recue = stockage.recevoir(place.surveiller(contenu), tailleMax)) {
      DocumentInspector.Inspection inspection = inspecteur.inspecter(recue.fichier());
      recue.conserver();
      PieceJointe piece =
          new PieceJointe(
              attendue.code(),
              NomDeFichier.nettoyer(nomFichier, attendue.code(), inspection.typeMedia()),
              recue.taille(),
              inspection.typeMedia(),
              recue.empreinte(),
              inspection.pages().orElse(null),
              horloge.instant(),
              complement);
      return complement
          ? dossiers.joindreComplement(u, dossierId, piece)
          : dossiers.joindre(u, dossierId, piece);
    }
  }
}
