package fr.parcelle.application;

import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentInspector;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** Parts in one request: more would be a script gone wrong (a bordereau has about thirty). */
  public static final int FICHIERS_PAR_ENVOI_MAX = 60;

  /** A file of a grouped upload that was not joined, with why, for the sender. */
  public record Refus(
      int rang, String code, String nomFichier, String type, String titre, String detail) {}

  /** The outcome of a grouped upload: the pièces joined, in the order sent, and those refused. */
  public record ReceptionGroupee(List<PieceJointe> jointes, List<Refus> refus) {}

  /**
   * Several pièces of a draft in one request. The rights and the bordereau are checked once before
   * any byte is read; each file is then streamed, hashed, inspected and stored as a single upload
   * is; the accepted ones are recorded together in one transaction at the end.
   *
   * <p>A file refused for what it holds, or sent under a code outside the bordereau or twice, is
   * reported and the next ones are read. A file over the size limit stops the reading (the rest of
   * the request is not read). When the request itself breaks (malformed, cut, too slow, window
   * full), the files received whole before are still recorded, then the error is thrown: nothing a
   * sender saw accepted is lost.
   */
  public ReceptionGroupee recevoirPlusieurs(
      Utilisateur u, UUID dossierId, InputStream corps, EnvoiGroupe.Lecture lecture)
      throws IOException {
    Map<String, PieceAttendue> bordereau = dossiers.bordereauModifiable(u, dossierId);
    List<PieceJointe> recues = new ArrayList<>();
    List<Refus> refus = new ArrayList<>();
    Set<String> vus = new HashSet<>();
    Throwable interruption = null;
    try (QuotaTeleversements.Place place = quota.entrer(u.login())) {
      // The whole request is watched for a trickle, not each file from zero.
      EnvoiGroupe envoi = lecture.lire(place.surveiller(corps));
      int rang = 0;
      for (Optional<EnvoiGroupe.Fichier> suivant = envoi.suivant();
          suivant.isPresent();
          suivant = envoi.suivant()) {
        EnvoiGroupe.Fichier f = suivant.get();
        rang++;
        if (rang > FICHIERS_PAR_ENVOI_MAX) {
          refus.add(
              new Refus(
                  rang,
                  f.code(),
                  f.nomFichier(),
                  "trop-de-fichiers",
                  "Trop de fichiers",
                  "Un envoi groupé compte au plus "
                      + FICHIERS_PAR_ENVOI_MAX
                      + " fichiers : ce fichier et les suivants n'ont pas été lus."));
          break;
        }
        if (rang > 1) {
          place.unFichierDePlus();
        }
        PieceAttendue attendue = bordereau.get(f.code());
        String refusCode =
            attendue == null
                ? "La pièce « "
                    + f.code()
                    + " » n'appartient pas au bordereau de ce dossier : "
                    + String.join(", ", bordereau.keySet())
                    + "."
                : vus.contains(f.code())
                    ? "La pièce « "
                        + f.code()
                        + " » figure déjà dans cet envoi, où elle a été acceptée : seule la"
                        + " première est gardée."
                    : null;
        if (refusCode != null) {
          if (!ecarter(f.contenu())) {
            // One refusal per file: the size stops the reading, the first reason is told too.
            refus.add(
                tropVolumineux(rang, f, refusCode + " Les fichiers suivants n'ont pas été lus."));
            break;
          }
          refus.add(
              new Refus(
                  rang,
                  f.code(),
                  f.nomFichier(),
                  attendue == null ? "piece-hors-bordereau" : "piece-en-double",
                  attendue == null ? "Pièce hors bordereau" : "Pièce en double",
                  refusCode));
          continue;
        }
        try (DocumentStore.Reception recue = stockage.recevoir(f.contenu(), tailleMax)) {
          DocumentInspector.Inspection inspection = inspecteur.inspecter(recue.fichier());
          recue.conserver();
          vus.add(attendue.code());
          recues.add(
              new PieceJointe(
                  attendue.code(),
                  NomDeFichier.nettoyer(f.nomFichier(), attendue.code(), inspection.typeMedia()),
                  recue.taille(),
                  inspection.typeMedia(),
                  recue.empreinte(),
                  inspection.pages().orElse(null),
                  horloge.instant(),
                  false));
        } catch (PieceRefuseeException e) {
          refus.add(
              new Refus(
                  rang,
                  f.code(),
                  f.nomFichier(),
                  e.raison().type(),
                  e.raison().titre(),
                  e.getMessage()
                      + " "
                      + e.raison().conseil()
                      + (e.raison() == RaisonRefus.FICHIER_TROP_VOLUMINEUX
                          ? " Les fichiers suivants n'ont pas été lus."
                          : "")));
          if (e.raison() == RaisonRefus.FICHIER_TROP_VOLUMINEUX) {
            break;
          }
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      // Whatever broke the reading, the files already received whole are recorded first.
      interruption = e;
    }
    List<PieceJointe> jointes;
    try {
      jointes = recues.isEmpty() ? List.of() : dossiers.joindreTout(u, dossierId, recues);
    } catch (RuntimeException e) {
      if (interruption != null) {
        e.addSuppressed(interruption);
      }
      throw e;
    }
    if (interruption instanceof IOException io) {
      throw io;
    }
    if (interruption instanceof RuntimeException r) {
      throw r;
    }
    if (interruption instanceof Error err) {
      throw err;
    }
    return new ReceptionGroupee(jointes, List.copyOf(refus));
  }

  /** Reads a part that will not be kept to its end, within the size limit. */
  private boolean ecarter(InputStream contenu) throws IOException {
    byte[] tampon = new byte[8192];
    long lus = 0;
    int n;
    while ((n = contenu.read(tampon)) != -1) {
      lus += n;
      if (lus > tailleMax) {
        return false;
      }
    }
    return true;
  }

  private Refus tropVolumineux(int rang, EnvoiGroupe.Fichier f, String suite) {
    RaisonRefus r = RaisonRefus.FICHIER_TROP_VOLUMINEUX;
    return new Refus(
        rang,
        f.code(),
        f.nomFichier(),
        r.type(),
        r.titre(),
        "Le fichier dépasse " + tailleMax / (1024 * 1024) + " Mo. " + suite);
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
