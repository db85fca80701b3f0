package fr.parcelle.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Payara's own output has said so far: whether Payara Micro has declared itself started, and
 * its first error. Payara Micro prints "Payara Micro … ready in … (ms)" once its start is over,
 * after it has tried to deploy the application, <em>also when that failed</em>: it then keeps
 * running without the application, and {@code /health/ready} answers 503 "No Application deployed"
 * for ever. Before that line the same answer only means that the deployment is still going on. So
 * the wait for {@code /health/ready} ({@link ParcelleLauncher#attendre}) can tell a failed
 * deployment at once instead of after its four minutes.
 */
public interface SortiePayara {

  /** Whether Payara Micro has printed that its start is over. */
  boolean demarre();

  /**
   * Payara's first SEVERE record, if any, in one line cut at 400 characters: its time, then its
   * last cause ({@link #resumer}).
   */
  Optional<String> premiereErreur();

  /** Nothing is known of Payara's output (the wait then relies on the delay alone). */
  SortiePayara INCONNUE =
      new SortiePayara() {
        @Override
        public boolean demarre() {
          return false;
        }

        @Override
        public Optional<String> premiereErreur() {
          return Optional.empty();
        }
      };

  /** The line by which Payara Micro says its start is over. */
  Pattern DEMARRE = Pattern.compile("Payara Micro .*ready in [0-9,. ]+\\(ms\\)");

  /** An error line of our logging format ({@code server-config/logging.properties}). */
  Pattern GRAVE = Pattern.compile("^\\S+ \\S+ SEVERE\\b.*|^SEVERE: .*|^\\[.*\\] \\[SEVERE\\].*");

  /** A line kept in a report is cut there. */
  int LIGNE_RAPPORTEE = 400;

  /**
   * Copies {@code sortie} (Payara's merged output) to {@code console} as it comes, byte for byte,
   * on a daemon thread, and watches it line by line.
   */
  static SortiePayara recopier(InputStream sortie, OutputStream console) {
    Recopie recopie = new Recopie();
    Thread t =
        new Thread(
            () -> {
              byte[] tampon = new byte[8192];
              ByteArrayOutputStream ligne = new ByteArrayOutputStream();
              try (sortie) {
                int n;
                while ((n = sortie.read(tampon)) != -1) {
                  console.write(tampon, 0, n);
                  console.flush();
                  for (int i = 0; i < n; i++) {
                    if (tampon[i] == '\n') {
                      recopie.lire(ligne.toString(StandardCharsets.UTF_8));
                      ligne.reset();
                    } else if (ligne.size() < 16 * 1024) {
                      ligne.write(tampon[i]);
                    }
                  }
                }
              } catch (IOException e) {
                // Payara stopped, or the console is gone: nothing left to copy
              }
            },
            "parcelle-sortie-payara");
    t.setDaemon(true);
    t.start();
    return recopie;
  }

  /** Payara's output written to {@code journal}, read again at each question. */
  static SortiePayara journal(Path journal) {
    return new SortiePayara() {
      private Recopie relue() {
        Recopie r = new Recopie();
        try {
          Files.readString(journal, StandardCharsets.ISO_8859_1).lines().forEach(r::lire);
        } catch (NoSuchFileException e) {
          // nothing written yet
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return r;
      }

      @Override
      public boolean demarre() {
        return relue().demarre();
      }

      @Override
      public Optional<String> premiereErreur() {
        return relue().premiereErreur();
      }
    };
  }

  /** A line that starts a record of our logging format: its date and time. */
  Pattern HORODATAGE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} .*");

  /** Lines of a stack trace, which say where and not what. */
  Pattern PILE = Pattern.compile("^\\s+at .*|^\\s*\\.\\.\\. \\d+ (more|common frames omitted).*");

  /** The cause a record ends with: EclipseLink's "Internal Exception:", the JDK's "Caused by:". */
  Pattern CAUSE = Pattern.compile("^(Internal Exception|Caused by): .*");

  /**
   * What a SEVERE record says, in one line: its last cause when it gives one, else its message,
   * else its first line after the header (EclipseLink writes its message on the lines after).
   */
  static String resumer(List<String> enregistrement) {
    String entete = enregistrement.getFirst().strip();
    String message = entete.replaceFirst("^\\S+ \\S+ SEVERE\\s+\\[[^\\]]*\\]\\s*", "");
    List<String> suite =
        enregistrement.subList(1, enregistrement.size()).stream()
            .filter(l -> !l.isBlank() && !PILE.matcher(l).matches())
            .map(String::strip)
            .toList();
    String dit =
        suite.stream()
            .filter(l -> CAUSE.matcher(l).matches())
            .reduce((a, b) -> b)
            .orElse(message.isEmpty() && !suite.isEmpty() ? suite.getFirst() : message);
    String heure =
        entete.length() >= 19 && HORODATAGE.matcher(entete).matches()
            ? entete.substring(11, 19) + " "
            : "";
    return couper(heure + dit);
  }

  private static String couper(String ligne) {
    String l = ligne.strip();
    return l.length() > LIGNE_RAPPORTEE ? l.substring(0, LIGNE_RAPPORTEE) + "…" : l;
  }

  /**
   * The state seen line by line: whether Payara said it was started, and its first SEVERE record.
   */
  final class Recopie implements SortiePayara {
    private volatile boolean demarre;
    private final List<String> premiere = new ArrayList<>();
    private boolean premiereFinie;

    synchronized void lire(String ligne) {
      if (!premiereFinie) {
        if (premiere.isEmpty()) {
          if (GRAVE.matcher(ligne).matches()) {
            premiere.add(ligne);
          }
        } else if (HORODATAGE.matcher(ligne).matches() || premiere.size() >= 200) {
          premiereFinie = true;
        } else {
          premiere.add(ligne);
        }
      }
      if (!demarre && DEMARRE.matcher(ligne).find()) {
        demarre = true;
      }
    }

    @Override
    public boolean demarre() {
      return demarre;
    }

    @Override
    public synchronized Optional<String> premiereErreur() {
      return premiere.isEmpty() ? Optional.empty() : Optional.of(resumer(premiere));
    }
  }
}
