package fr.parcelle.application;

import fr.parcelle.application.TeleversementLimiteException.Motif;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits per user on uploads, so that one account (a script gone wrong, a stolen password, a
 * slowloris) cannot take the upload threads and the disk from the others: at most N uploads at
 * once, at most M in a sliding window, and a minimum average rate once a grace period has passed.
 * Counted per node, in memory: a limit against abuse, not an accounting.
 */
@ApplicationScoped
public class QuotaTeleversements {

  private final int simultanesMax;
  private final int parFenetreMax;
  private final long fenetreNanos;
  private final long debitMinOctetsParSeconde;
  private final long graceNanos;

  /** The stretch over which the minimum rate is also checked alone, after the average. */
  private final long horizonNanos;

  private final LongSupplier nanos;

  static final long HORIZON_SECONDES = 60;

  private final Map<String, Compte> comptes = new ConcurrentHashMap<>();

  private static final class Compte {
    int enCours;
    final Deque<Long> debuts = new ArrayDeque<>();
  }

  @Inject
  public QuotaTeleversements(
      @ConfigProperty(
              name = "parcelle.televersements.simultanes-par-utilisateur",
              defaultValue = "8")
          int simultanesMax,
      @ConfigProperty(name = "parcelle.televersements.par-fenetre", defaultValue = "600")
          int parFenetreMax,
      @ConfigProperty(name = "parcelle.televersements.fenetre-secondes", defaultValue = "600")
          long fenetreSecondes,
      @ConfigProperty(
              name = "parcelle.televersements.debit-min-octets-par-seconde",
              defaultValue = "4096")
          long debitMinOctetsParSeconde,
      @ConfigProperty(name = "parcelle.televersements.grace-secondes", defaultValue = "20")
          long graceSecondes) {
    this(
        simultanesMax,
        parFenetreMax,
        fenetreSecondes,
        debitMinOctetsParSeconde,
        graceSecondes,
        System::nanoTime);
  }

  /** With its own clock, for tests. */
  public QuotaTeleversements(
      int simultanesMax,
      int parFenetreMax,
      long fenetreSecondes,
      long debitMinOctetsParSeconde,
      long graceSecondes,
      LongSupplier nanos) {
    this.simultanesMax = simultanesMax;
    this.parFenetreMax = parFenetreMax;
    this.fenetreNanos = fenetreSecondes * 1_000_000_000L;
    this.debitMinOctetsParSeconde = debitMinOctetsParSeconde;
    this.graceNanos = graceSecondes * 1_000_000_000L;
    this.horizonNanos = Math.max(graceNanos, HORIZON_SECONDES * 1_000_000_000L);
    this.nanos = nanos;
  }

  /** CDI proxy constructor. */
  protected QuotaTeleversements() {
    this(8, 600, 600, 4096, 20, System::nanoTime);
  }

  /** A place taken by one upload; closing it gives the place back. */
  public interface Place extends AutoCloseable {
    /** The upload's body, refused when it arrives too slowly. */
    InputStream surveiller(InputStream corps);

    /**
     * Counts one more file of the same request in the user's window (several pièces in one request
     * count as that many uploads; the request holds one place).
     *
     * @throws TeleversementLimiteException (429) when the window is full
     */
    void unFichierDePlus();

    @Override
    void close();
  }

  /**
   * Takes a place for an upload by {@code login}, before reading a byte.
   *
   * @throws TeleversementLimiteException (429) when the user already has too many uploads
   */
  public Place entrer(String login) {
    long maintenant = nanos.getAsLong();
    Compte compte = comptes.computeIfAbsent(login, l -> new Compte());
    synchronized (compte) {
      while (!compte.debuts.isEmpty() && maintenant - compte.debuts.peekFirst() > fenetreNanos) {
        compte.debuts.removeFirst();
      }
      if (compte.enCours >= simultanesMax) {
        throw new TeleversementLimiteException(
            Motif.TROP_DE_TELEVERSEMENTS,
            "Vous envoyez déjà "
                + compte.enCours
                + " fichiers en même temps : attendez la fin d'un envoi avant d'en commencer un autre.",
            5);
      }
      fenetreLibre(compte, maintenant);
      compte.enCours++;
      compte.debuts.addLast(maintenant);
    }
    return new PlaceOccupee(compte, maintenant);
  }

  /** Called holding the account's lock. */
  private void fenetreLibre(Compte compte, long maintenant) {
    while (!compte.debuts.isEmpty() && maintenant - compte.debuts.peekFirst() > fenetreNanos) {
      compte.debuts.removeFirst();
    }
    if (compte.debuts.size() >= parFenetreMax) {
      long attente = (fenetreNanos - (maintenant - compte.debuts.peekFirst())) / 1_000_000_000L + 1;
      throw new TeleversementLimiteException(
          Motif.TROP_DE_TELEVERSEMENTS,
          "Vous avez envoyé "
              + compte.debuts.size()
              + " fichiers en peu de temps : réessayez dans "
              + attente
              + " secondes.",
          attente);
    }
  }

  private final class PlaceOccupee implements Place {
    private final Compte compte;
    private final long debut;
    private boolean rendue;

    PlaceOccupee(Compte compte, long debut) {
      this.compte = compte;
      this.debut = debut;
    }

    @Override
    public InputStream surveiller(InputStream corps) {
      return new FilterInputStream(corps) {
        private long lus;

        /** The current stretch of the upload, judged on its own once it lasts the horizon. */
        private long debutTranche = debut;

        private long lusTranche;

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            compter(1);
          }
          return b;
        }

        @Override
        public int read(byte[] tampon, int debutTampon, int longueur) throws IOException {
          int n = super.read(tampon, debutTampon, longueur);
          if (n >= 0) {
            // Not at the end: once everything has arrived, the rate no longer matters.
            compter(n);
          }
          return n;
        }

        private void compter(int n) {
          lus += n;
          lusTranche += n;
          long maintenant = nanos.getAsLong();
          long ecoule = maintenant - debut;
          if (ecoule > graceNanos && lus * 1_000_000_000L < debitMinOctetsParSeconde * ecoule) {
            throw tropLent("en moyenne");
          }
          // A fast start must not pay for a trickle afterwards (a grouped upload of gigabytes
          // would otherwise earn days of it): each stretch of the horizon is judged alone.
          long tranche = maintenant - debutTranche;
          if (tranche >= horizonNanos) {
            if (lusTranche * 1_000_000_000L < debitMinOctetsParSeconde * tranche) {
              throw tropLent("sur la dernière minute");
            }
            debutTranche = maintenant;
            lusTranche = 0;
          }
        }

        private TeleversementLimiteException tropLent(String mesure) {
          return new TeleversementLimiteException(
              Motif.TELEVERSEMENT_TROP_LENT,
              "Le fichier arrive trop lentement (moins de "
                  + debitMinOctetsParSeconde / 1024
                  + " Ko/s "
                  + mesure
                  + ") : l'envoi est interrompu. Vérifiez votre connexion et recommencez.",
              0);
        }
      };
    }

    @Override
    public void unFichierDePlus() {
      long maintenant = nanos.getAsLong();
      synchronized (compte) {
        fenetreLibre(compte, maintenant);
        compte.debuts.addLast(maintenant);
      }
    }

    @Override
    public void close() {
      synchronized (compte) {
        if (!rendue) {
          rendue = true;
          compte.enCours--;
        }
      }
    }
  }
}
