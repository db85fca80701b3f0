package fr.parcelle.bench;

import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.infrastructure.inspection.InspecteurDePieces;
import fr.parcelle.infrastructure.storage.StockageFichiers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;

/**
 * Per-pièce pipeline cost (issue 8, c), one thread, in the same run as its raw baseline on the same
 * bytes: Tika's default detection, a PDFBox load (or an image header read), a write to a new file
 * and fsync. The pipeline: {@link StockageFichiers#recevoir} (streamed to a temporary file with
 * SHA-256 and SHA-512, fsync), {@link InspecteurDePieces#inspecter} (detection, PDF or image checks
 * on the bounded pool), then the atomic rename with its read-back check. The ten files of a
 * benchmark dossier (eight ~300 KB PDFs, two photos), each made unique per round. Run: {@code mvn
 * -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=fr.parcelle.bench.BancPieces -Dexec.classpathScope=test} ({@code
 * -Dbanc.tours=200}).
 */
public final class BancPieces {

  private BancPieces() {}

  public static void main(String[] args) throws Exception {
    int tours = Integer.getInteger("banc.tours", 200);
    Path racine = Files.createTempDirectory(Path.of("target"), "banc-pieces-");
    try {
      executer(tours, racine);
    } finally {
      BancDepot.deleteRecursively(racine);
    }
  }

  private static void executer(int tours, Path racine) throws Exception {
    byte[] pdf = BancDepot.pdfRealiste();
    byte[] photo = BancDepot.photoRealiste();
    List<byte[]> modeles = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      modeles.add(pdf);
    }
    modeles.add(photo);
    modeles.add(photo);

    Detector tika = new TikaConfig().getDetector();
    InspecteurDePieces inspecteur = new InspecteurDePieces();
    inspecteur.initialiser();
    StockageFichiers stockage = new StockageFichiers(racine.resolve("documents"));
    Files.createDirectories(racine.resolve("brut"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    // Warm-up of both paths, then the measures, alternated to share the machine's moments.
    for (int i = 0; i < Math.max(50, tours / 2); i++) {
      brut(tika, racine, modeles, i);
      pipeline(inspecteur, stockage, modeles);
    }
    long murBrut = 0;
    long cpuBrut = 0;
    long murPipeline = 0;
    long cpuPipeline = 0;
    for (int i = 0; i < tours; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      brut(tika, racine, modeles, i);
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      pipeline(inspecteur, stockage, modeles);
      murPipeline += System.nanoTime() - t1;
      cpuPipeline += mx.getCurrentThreadCpuTime() - c1;
      murBrut += t1 - t0;
      cpuBrut += c1 - c0;
    }
    int pieces = tours * modeles.size();
    System.out.printf(
        "=== Coût par pièce (%d pièces : 8 PDF de %d Ko, 2 photos de %d Ko ; un fil) ===%n",
        pieces, pdf.length / 1024, photo.length / 1024);
    System.out.printf(
        "brut (Tika + PDFBox ou en-tête d'image + écriture + fsync) : %.2f ms écoulées, %.2f ms CPU%n",
        murBrut / 1e6 / pieces, cpuBrut / 1e6 / pieces);
    System.out.printf(
        "chaîne Parcelle (flux + SHA-256/512 + fsync + contrôles + renommage vérifié) :"
            + " %.2f ms écoulées, %.2f ms CPU (fil appelant ; les contrôles PDF tournent sur le"
            + " pool d'analyse)%n",
        murPipeline / 1e6 / pieces, cpuPipeline / 1e6 / pieces);
    double rapport = (double) murPipeline / murBrut;
    System.out.printf("rapport (écoulé) : %.2f× le brut (cible <= 2×)%n", rapport);
    Synthese.noter(
        "(c) coût par pièce (un fil, " + pieces + " pièces)",
        String.format(Locale.ROOT, "%.2f ms", murPipeline / 1e6 / pieces),
        String.format(
            Locale.ROOT, "%.2f ms (Tika + PDFBox + écriture + fsync)", murBrut / 1e6 / pieces),
        Synthese.fois(rapport),
        "≤ 2×",
        rapport <= 2);
  }

  private static void brut(Detector tika, Path racine, List<byte[]> modeles, int tour)
      throws IOException {
    for (int k = 0; k < modeles.size(); k++) {
      byte[] octets = BancDepot.unique(modeles.get(k));
      try (TikaInputStream tis = TikaInputStream.get(new ByteArrayInputStream(octets))) {
        String type = tika.detect(tis, new Metadata()).toString();
        if (type.equals("application/pdf")) {
          try (PDDocument d = Loader.loadPDF(octets)) {
            d.getNumberOfPages();
          }
        } else {
          try (ImageInputStream in =
              ImageIO.createImageInputStream(new ByteArrayInputStream(octets))) {
            ImageReader lecteur = ImageIO.getImageReaders(in).next();
            lecteur.setInput(in);
            lecteur.getWidth(0);
            lecteur.dispose();
          }
        }
      }
      Path f = racine.resolve("brut").resolve(tour + "-" + k);
      try (FileChannel out =
          FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(octets));
        out.force(true);
      }
      Files.delete(f);
    }
  }

  private static void pipeline(
      InspecteurDePieces inspecteur, DocumentStore stockage, List<byte[]> modeles)
      throws IOException {
    for (byte[] modele : modeles) {
      try (DocumentStore.Reception recue =
          stockage.recevoir(new ByteArrayInputStream(BancDepot.unique(modele)), 1L << 30)) {
        inspecteur.inspecter(recue.fichier());
        recue.conserver();
      }
    }
  }
}
