package fr.parcelle.infrastructure.inspection;

import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentInspector;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.xml.sax.SAXException;

/**
 * Checks every pièce: the format detected by Tika from the bytes (one detector built at start-up,
 * OCR excluded), then the structure with PDFBox for PDFs (encryption, active content, hidden
 * trailing data, pages) and with the image header for JPEG and PNG (dimensions, truncation),
 * without decoding pixels. Analyses run on a small pool with a time limit, PDFBox buffering in
 * temporary files, so that a hostile file neither exhausts memory nor stalls other users.
 */
@ApplicationScoped
public class InspecteurDePieces implements DocumentInspector {

  private static final byte[] FIN_PDF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
  private static final int FENETRE_FIN = 1024 * 1024;
  private static final Set<String> ACTIONS_ACTIVES =
      Set.of(
          "JavaScript",
          "Launch",
          "ImportData",
          "SubmitForm",
          "RichMediaExecute",
          "Rendition",
          "GoToE");

  @Inject
  @ConfigProperty(name = "parcelle.pieces.max-pages", defaultValue = "500")
  int maxPages = 500;

  @Inject
  @ConfigProperty(name = "parcelle.pieces.max-pixels", defaultValue = "150000000")
  long maxPixels = 150_000_000L;

  @Inject
  @ConfigProperty(name = "parcelle.pieces.tolerance-apres-fin-pdf", defaultValue = "256")
  int toleranceApresFin = 256;

  @Inject
  @ConfigProperty(name = "parcelle.pieces.analyse-secondes", defaultValue = "30")
  int delaiAnalyse = 30;

  @Inject
  @ConfigProperty(name = "parcelle.pieces.analyses-simultanees", defaultValue = "2")
  int analysesSimultanees = 2;

  private Detector detecteur;
  private Detector signaturesAcceptees;
  private ExecutorService analyses;
  private Semaphore places;

  @PostConstruct
  public void initialiser() {
    try (InputStream xml = InspecteurDePieces.class.getResourceAsStream("/tika/tika-config.xml")) {
      detecteur = new TikaConfig(xml).getDetector();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TikaException | SAXException e) {
      throw new IllegalStateException("Configuration Tika invalide", e);
    }
    try (InputStream xml =
        InspecteurDePieces.class.getResourceAsStream("/tika/signatures-acceptees.xml")) {
      signaturesAcceptees = org.apache.tika.mime.MimeTypesFactory.create(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.apache.tika.mime.MimeTypeException e) {
      throw new IllegalStateException("Configuration Tika invalide", e);
    }
    analyses =
        Executors.newFixedThreadPool(
            analysesSimultanees,
            r -> {
              Thread t = new Thread(r, "parcelle-analyse-pieces");
              t.setDaemon(true);
              return t;
            });
    places = new Semaphore(analysesSimultanees * 4, true);
  }

  @PreDestroy
  void arreter() {
    analyses.shutdownNow();
  }

  @Override
  public String detecter(InputStream contenu) throws IOException {
    try (TikaInputStream tis = TikaInputStream.get(contenu)) {
      return detecteur.detect(tis, new Metadata()).getBaseType().toString();
    }
  }

  @Override
  public Inspection inspecter(Path fichier) {
    long taille;
    String type;
    try {
      taille = Files.size(fichier);
      if (taille == 0) {
        throw new PieceRefuseeException(
            RaisonRefus.FICHIER_VIDE, "Le fichier reçu ne contient aucun octet.");
      }
      type = typeDetecte(fichier);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!DocumentInspector.formatAccepte(type)) {
      throw new PieceRefuseeException(
          RaisonRefus.FORMAT_NON_ACCEPTE, "Le contenu du fichier est de type « " + type + " ».");
    }
    Optional<Integer> pages =
        borne(
            () ->
                type.equals("application/pdf")
                    ? Optional.of(verifierPdf(fichier))
                    : verifierImage(fichier, type));
    return new Inspection(type, pages);
  }

  /**
   * Tika's verdict on the content. First with the accepted formats' offset-0 signatures alone: the
   * full detector evaluates the magic of some 1,500 types (a sixth of the server's CPU under load,
   * measured), and for a file that opens with one of these signatures it names the same format.
   * Everything else gets the full detector, as before.
   */
  String typeDetecte(Path fichier) throws IOException {
    try (TikaInputStream tis = TikaInputStream.get(fichier)) {
      String rapide = signaturesAcceptees.detect(tis, new Metadata()).getBaseType().toString();
      if (DocumentInspector.formatAccepte(rapide)) {
        return rapide;
      }
      return detecteur.detect(tis, new Metadata()).getBaseType().toString();
    }
  }

  /** Runs an analysis on the bounded pool, within the time limit. */
  private <T> T borne(java.util.concurrent.Callable<T> analyse) {
    boolean place = false;
    try {
      place = places.tryAcquire(delaiAnalyse, TimeUnit.SECONDS);
      if (!place) {
        throw new PieceRefuseeException(
            RaisonRefus.ANALYSE_IMPOSSIBLE, "Trop d'analyses en cours ; réessayez.");
      }
      Future<T> f = analyses.submit(analyse);
      try {
        return f.get(delaiAnalyse, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        f.cancel(true);
        throw new PieceRefuseeException(
            RaisonRefus.ANALYSE_IMPOSSIBLE, "L'analyse a dépassé " + delaiAnalyse + " secondes.");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof PieceRefuseeException refus) {
          throw refus;
        }
        throw new PieceRefuseeException(
            RaisonRefus.FICHIER_CORROMPU, "Le fichier n'a pas pu être lu.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PieceRefuseeException(RaisonRefus.ANALYSE_IMPOSSIBLE, "Analyse interrompue.");
    } finally {
      if (place) {
        places.release();
      }
    }
  }

  int verifierPdf(Path fichier) throws IOException {
    verifierFinPdf(fichier);
    try (PDDocument document =
        Loader.loadPDF(
            new RandomAccessReadBufferedFile(fichier.toFile()),
            "",
            null,
            null,
            IOUtils.createTempFileOnlyStreamCache())) {
      if (document.isEncrypted()) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_CHIFFRE,
            "Le PDF est chiffré (mot de passe du propriétaire ou restrictions d'usage).");
      }
      int pages = document.getNumberOfPages();
      if (pages < 1) {
        throw new PieceRefuseeException(
            RaisonRefus.FICHIER_CORROMPU, "Le PDF ne contient aucune page lisible.");
      }
      if (pages > maxPages) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_TROP_DE_PAGES,
            "Le PDF compte " + pages + " pages ; la limite est " + maxPages + ".");
      }
      verifierContenuActif(document);
      return pages;
    } catch (InvalidPasswordException e) {
      throw new PieceRefuseeException(
          RaisonRefus.PDF_CHIFFRE, "Le PDF ne s'ouvre qu'avec un mot de passe.");
    } catch (PieceRefuseeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new PieceRefuseeException(
          RaisonRefus.FICHIER_CORROMPU, "Le PDF est endommagé ou tronqué.");
    }
  }

  /**
   * A complete PDF ends with %%EOF; more than a few bytes after it hide something (polyglot files).
   */
  private void verifierFinPdf(Path fichier) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(fichier.toFile(), "r")) {
      long taille = f.length();
      int fenetre = (int) Math.min(taille, FENETRE_FIN);
      byte[] fin = new byte[fenetre];
      f.seek(taille - fenetre);
      f.readFully(fin);
      int position = dernier(fin, FIN_PDF);
      if (position < 0) {
        throw new PieceRefuseeException(
            RaisonRefus.FICHIER_CORROMPU, "Le PDF est tronqué : sa marque de fin (%%EOF) manque.");
      }
      int apres = 0;
      for (int i = position + FIN_PDF.length; i < fin.length; i++) {
        if (!Character.isWhitespace(fin[i]) && fin[i] != 0) {
          apres = fin.length - i;
          break;
        }
      }
      if (apres > toleranceApresFin) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_DONNEES_CACHEES, apres + " octets suivent la fin du PDF.");
      }
    }
  }

  private static int dernier(byte[] dans, byte[] motif) {
    for (int i = dans.length - motif.length; i >= 0; i--) {
      int j = 0;
      while (j < motif.length && dans[i + j] == motif[j]) {
        j++;
      }
      if (j == motif.length) {
        return i;
      }
    }
    return -1;
  }

  /**
   * JavaScript, launch and similar actions, embedded files, XFA: anywhere in the document's
   * objects.
   */
  private static void verifierContenuActif(PDDocument document) throws IOException {
    Set<COSBase> vus = Collections.newSetFromMap(new IdentityHashMap<>());
    examiner(document.getDocumentCatalog().getCOSObject(), vus, 0);
    Iterator<COSObjectKey> cles = document.getDocument().getXrefTable().keySet().iterator();
    while (cles.hasNext()) {
      COSObject objet = document.getDocument().getObjectFromPool(cles.next());
      examiner(objet.getObject(), vus, 0);
    }
  }

  private static void examiner(COSBase base, Set<COSBase> vus, int profondeur) {
    if (base == null || profondeur > 64 || !vus.add(base)) {
      return;
    }
    if (base instanceof COSDictionary d) {
      COSName action = d.getCOSName(COSName.S);
      if (action != null && ACTIONS_ACTIVES.contains(action.getName())) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_CONTENU_ACTIF,
            "Le PDF contient une action « " + action.getName() + " ».");
      }
      if (d.containsKey(COSName.JS) || d.containsKey(COSName.JAVA_SCRIPT)) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_CONTENU_ACTIF, "Le PDF contient du JavaScript.");
      }
      if (d.containsKey(COSName.EMBEDDED_FILES)
          || d.containsKey(COSName.EF)
          || COSName.EMBEDDED_FILE.equals(d.getCOSName(COSName.TYPE))
          || COSName.getPDFName("FileAttachment").equals(d.getCOSName(COSName.SUBTYPE))) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_CONTENU_ACTIF, "Le PDF contient des fichiers joints.");
      }
      if (d.containsKey(COSName.XFA)) {
        throw new PieceRefuseeException(
            RaisonRefus.PDF_CONTENU_ACTIF, "Le PDF contient un formulaire XFA.");
      }
      for (COSBase valeur : d.getValues()) {
        if (!(valeur instanceof COSObject)) {
          examiner(valeur, vus, profondeur + 1);
        }
      }
    } else if (base instanceof COSArray a) {
      for (COSBase valeur : a) {
        if (!(valeur instanceof COSObject)) {
          examiner(valeur, vus, profondeur + 1);
        }
      }
    }
  }

  /** Dimensions from the header only; a JPEG ends with EOI, a PNG with its IEND chunk. */
  Optional<Integer> verifierImage(Path fichier, String type) throws IOException {
    String format = type.equals("image/png") ? "png" : "jpeg";
    Iterator<ImageReader> lecteurs = ImageIO.getImageReadersByFormatName(format);
    if (!lecteurs.hasNext()) {
      throw new IllegalStateException("Pas de lecteur " + format);
    }
    ImageReader lecteur = lecteurs.next();
    try (ImageInputStream entree = ImageIO.createImageInputStream(fichier.toFile())) {
      lecteur.setInput(entree, true, true);
      long largeur = lecteur.getWidth(0);
      long hauteur = lecteur.getHeight(0);
      if (largeur < 1 || hauteur < 1) {
        throw new PieceRefuseeException(
            RaisonRefus.FICHIER_CORROMPU, "L'image n'a pas de dimensions valides.");
      }
      if (largeur * hauteur > maxPixels) {
        throw new PieceRefuseeException(
            RaisonRefus.IMAGE_TROP_GRANDE,
            "L'image mesure "
                + largeur
                + " × "
                + hauteur
                + " pixels ; la limite est de "
                + maxPixels / 1_000_000
                + " millions de pixels.");
      }
    } catch (PieceRefuseeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new PieceRefuseeException(
          RaisonRefus.FICHIER_CORROMPU, "L'en-tête de l'image est illisible.");
    } finally {
      lecteur.dispose();
    }
    verifierFinImage(fichier, format);
    return Optional.empty();
  }

  private static void verifierFinImage(Path fichier, String format) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(fichier.toFile(), "r")) {
      int fenetre = (int) Math.min(f.length(), format.equals("png") ? 12 : 1024);
      byte[] fin = new byte[fenetre];
      f.seek(f.length() - fenetre);
      f.readFully(fin);
      boolean complete =
          format.equals("png")
              ? fenetre == 12 && new String(fin, 4, 4, StandardCharsets.US_ASCII).equals("IEND")
              : dernier(fin, new byte[] {(byte) 0xFF, (byte) 0xD9}) >= 0;
      if (!complete) {
        throw new PieceRefuseeException(RaisonRefus.FICHIER_CORROMPU, "L'image est tronquée.");
      }
    }
  }
}
