package fr.parcelle.infrastructure.storage;

import static fr.parcelle.infrastructure.storage.ReceptionTemporaire.MORCEAU;
import static fr.parcelle.infrastructure.storage.ReceptionTemporaire.MORCEAUX;
import static fr.parcelle.infrastructure.storage.ReceptionTemporaire.SEUIL_PARALLELE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.MessageDigestSpi;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reception gives the same result whichever path it takes: on the reading thread alone (small
 * uploads) or with the digests on the pool (past {@link ReceptionTemporaire#SEUIL_PARALLELE}). The
 * content is random and read in irregular pieces, so that a chunk hashed out of order, twice, or
 * after its buffer was refilled changes a digest.
 */
@Timeout(120) // a hand-over that deadlocks fails here rather than hanging the build
class ReceptionTemporaireTest {

  private static final String EMPREINTEURS = "parcelle-empreintes-";

  @TempDir Path repertoire;

  @AfterEach
  void aucunFilDEmpreintesNeTravaillePlus() throws InterruptedException {
    assertThat(filsQuiHachent()).isEmpty();
    assertThat(filsOccupesApresUnInstant()).isEmpty();
  }

  @ParameterizedTest(name = "{0} octets")
  @ValueSource(
      ints = {
        0,
        1,
        SEUIL_PARALLELE - 1,
        SEUIL_PARALLELE,
        SEUIL_PARALLELE + 1,
        SEUIL_PARALLELE + MORCEAU * MORCEAUX * 3,
        20 * 1024 * 1024 + 7
      })
  void donne_le_meme_contenu_qu_un_calcul_sur_un_seul_fil(int taille) throws IOException {
    byte[] octets = aleatoires(taille, taille);

    ReceptionTemporaire.Contenu contenu =
        ReceptionTemporaire.ecrire(repertoire, irregulier(octets, taille), taille);

    assertThat(contenu).isEqualTo(attendu(contenu.fichier(), octets));
    assertThat(Files.readAllBytes(contenu.fichier())).isEqualTo(octets);
    assertThat(fichiers()).containsExactly(contenu.fichier());
  }

  @Test
  void un_gros_envoi_est_hache_sur_les_fils_d_empreintes() throws IOException {
    byte[] octets = aleatoires(SEUIL_PARALLELE + 5 * MORCEAU, 3);

    ReceptionTemporaire.ecrire(repertoire, new ByteArrayInputStream(octets), Long.MAX_VALUE);

    assertThat(Thread.getAllStackTraces().keySet())
        .anyMatch(t -> t.getName().startsWith(EMPREINTEURS) && t.isDaemon());
  }

  @Test
  void des_gros_envois_simultanes_plus_nombreux_que_les_fils_restent_justes() throws Exception {
    int envois = 5;
    List<byte[]> contenus = new ArrayList<>();
    for (int i = 0; i < envois; i++) {
      contenus.add(aleatoires(SEUIL_PARALLELE + 7 * MORCEAU + i, 100 + i));
    }
    ExecutorService lecteurs = Executors.newFixedThreadPool(envois);
    try {
      List<Future<ReceptionTemporaire.Contenu>> recus = new ArrayList<>();
      for (byte[] octets : contenus) {
        recus.add(
            lecteurs.submit(
                () ->
                    ReceptionTemporaire.ecrire(
                        repertoire, irregulier(octets, octets.length), Long.MAX_VALUE)));
      }
      for (int i = 0; i < envois; i++) {
        ReceptionTemporaire.Contenu contenu = recus.get(i).get();
        assertThat(contenu).isEqualTo(attendu(contenu.fichier(), contenus.get(i)));
      }
    } finally {
      lecteurs.shutdownNow();
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> t.getName().startsWith(EMPREINTEURS))
        .hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void un_gros_fichier_trop_volumineux_est_refuse_des_la_limite_sans_rien_laisser()
      throws IOException {
    long limite = 20L * 1024 * 1024;
    Compteur flux = new Compteur(new ByteArrayInputStream(aleatoires(30 * 1024 * 1024, 5)));

    Throwable refus = catchThrowable(() -> ReceptionTemporaire.ecrire(repertoire, flux, limite));
    List<Thread> quiHachent = filsQuiHachent();

    assertThat(refus)
        .isInstanceOfSatisfying(
            PieceRefuseeException.class,
            e -> assertThat(e.raison()).isEqualTo(RaisonRefus.FICHIER_TROP_VOLUMINEUX));
    assertThat(quiHachent).isEmpty();
    assertThat(flux.lus).isGreaterThan(limite).isLessThanOrEqualTo(limite + MORCEAU);
    assertThat(fichiers()).isEmpty();
  }

  @Test
  void une_lecture_en_echec_sur_un_gros_envoi_remonte_sans_rien_laisser() throws IOException {
    IOException coupure = new IOException("connexion coupée");
    InputStream flux =
        new Compteur(new ByteArrayInputStream(aleatoires(30 * 1024 * 1024, 6))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (lus >= 12L * 1024 * 1024) {
              throw coupure;
            }
            return super.read(b, off, len);
          }
        };

    Throwable echec =
        catchThrowable(() -> ReceptionTemporaire.ecrire(repertoire, flux, Long.MAX_VALUE));
    List<Thread> quiHachent = filsQuiHachent();

    assertThat(echec).isSameAs(coupure);
    assertThat(quiHachent).isEmpty();
    assertThat(fichiers()).isEmpty();
  }

  @Test
  void un_envoi_interrompu_sur_le_chemin_parallele_ne_laisse_rien() throws IOException {
    InputStream flux =
        new Compteur(new ByteArrayInputStream(aleatoires(30 * 1024 * 1024, 7))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (lus >= 9L * 1024 * 1024) {
              Thread.currentThread().interrupt();
            }
            return super.read(b, off, len);
          }
        };

    Throwable echec =
        catchThrowable(() -> ReceptionTemporaire.ecrire(repertoire, flux, Long.MAX_VALUE));
    List<Thread> quiHachent = filsQuiHachent();
    boolean resteInterrompu = Thread.interrupted();

    assertThat(echec).isInstanceOf(IOException.class);
    assertThat(resteInterrompu).isTrue();
    assertThat(quiHachent).isEmpty();
    assertThat(fichiers()).isEmpty();
  }

  /**
   * For the file store, a large upload is fsynced in the background while it arrives (the store's
   * own fsync then has little left to write): same content and digests, at least one background
   * fsync per {@link ReceptionTemporaire#PAS_ECRITURE_AU_FIL}-byte stretch that found none running,
   * none still running once {@code ecrire} returned, and none for the object store's receptions,
   * whose temporary file is never kept.
   */
  @Test
  void un_gros_envoi_garde_tel_quel_est_ecrit_sur_disque_pendant_sa_reception() throws IOException {
    int taille = (int) (2 * ReceptionTemporaire.PAS_ECRITURE_AU_FIL + 3 * MORCEAU + 11);
    byte[] octets = aleatoires(taille, 21);

    long avant = ReceptionTemporaire.ecrituresAuFilLancees();
    ReceptionTemporaire.Contenu auFil =
        ReceptionTemporaire.ecrire(repertoire, irregulier(octets, 21), Long.MAX_VALUE, true);
    long lancees = ReceptionTemporaire.ecrituresAuFilLancees() - avant;
    List<Thread> quiEcrivent = filsQuiForcent();
    ReceptionTemporaire.Contenu sansAuFil =
        ReceptionTemporaire.ecrire(repertoire, irregulier(octets, 22), Long.MAX_VALUE, false);
    long lanceesSans = ReceptionTemporaire.ecrituresAuFilLancees() - avant - lancees;

    assertThat(auFil).isEqualTo(attendu(auFil.fichier(), octets));
    assertThat(Files.readAllBytes(auFil.fichier())).isEqualTo(octets);
    assertThat(lancees).isBetween(1L, 2L);
    assertThat(quiEcrivent).isEmpty();
    assertThat(sansAuFil.empreinte()).isEqualTo(auFil.empreinte());
    assertThat(lanceesSans).isZero();
  }

  @Test
  void une_reception_gardee_telle_quelle_qui_echoue_attend_son_fsync_et_ne_laisse_rien()
      throws IOException {
    IOException coupure = new IOException("connexion coupée");
    long coupe = ReceptionTemporaire.PAS_ECRITURE_AU_FIL + 6L * 1024 * 1024;
    InputStream flux =
        new Compteur(new ByteArrayInputStream(aleatoires(60 * 1024 * 1024, 23))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (lus >= coupe) {
              throw coupure;
            }
            return super.read(b, off, len);
          }
        };

    long avant = ReceptionTemporaire.ecrituresAuFilLancees();
    Throwable echec =
        catchThrowable(() -> ReceptionTemporaire.ecrire(repertoire, flux, Long.MAX_VALUE, true));
    List<Thread> quiEcrivent = filsQuiForcent();

    assertThat(echec).isSameAs(coupure);
    assertThat(ReceptionTemporaire.ecrituresAuFilLancees() - avant).isEqualTo(1);
    assertThat(quiEcrivent).isEmpty();
    assertThat(fichiers()).isEmpty();
  }

  /** Background writeback threads inside an fsync right now. */
  private static List<Thread> filsQuiForcent() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith("parcelle-ecritures-"))
        .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("force")))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Past the threshold the SHA-512 runs on a pool thread: its failure comes back to the reader. */
  @Test
  void un_echec_du_sha512_sur_le_fil_d_empreintes_remonte_a_l_appelant_sans_rien_laisser()
      throws IOException {
    Echec echec = envoyerAvecUneEmpreinteDefaillante("SHA-512");

    assertThat(echec.levee())
        .isInstanceOf(IllegalStateException.class)
        .cause()
        .isInstanceOf(ArithmeticException.class);
    assertThat(echec.fil()).startsWith(EMPREINTEURS);
    assertThat(echec.quiHachent()).isEmpty();
    assertThat(fichiers()).isEmpty();
  }

  /**
   * The SHA-256 stays on the reading thread: its failure is thrown there, and the SHA-512 already
   * handed to the pool is abandoned, with nothing left on disk.
   */
  @Test
  void un_echec_du_sha256_sur_le_fil_de_lecture_abandonne_le_sha512_sans_rien_laisser()
      throws IOException {
    Echec echec = envoyerAvecUneEmpreinteDefaillante("SHA-256");

    assertThat(echec.levee()).isInstanceOf(ArithmeticException.class);
    assertThat(echec.fil()).isEqualTo(Thread.currentThread().getName());
    assertThat(echec.quiHachent()).isEmpty();
    assertThat(fichiers()).isEmpty();
  }

  private record Echec(Throwable levee, String fil, List<Thread> quiHachent) {}

  private Echec envoyerAvecUneEmpreinteDefaillante(String algorithme) {
    EmpreinteDefaillante.fil = null;
    EmpreinteDefaillante.algorithme = algorithme;
    Provider defaillant = new Provider("ParcelleEmpreinteDefaillante", "1", "échoue après 6 Mo") {};
    defaillant.put("MessageDigest." + algorithme, EmpreinteDefaillante.class.getName());
    Security.insertProviderAt(defaillant, 1);
    try {
      Throwable levee =
          catchThrowable(
              () ->
                  ReceptionTemporaire.ecrire(
                      repertoire,
                      new ByteArrayInputStream(aleatoires(20 * 1024 * 1024, 8)),
                      Long.MAX_VALUE));
      return new Echec(levee, EmpreinteDefaillante.fil, filsQuiHachent());
    } finally {
      Security.removeProvider(defaillant.getName());
    }
  }

  /** A digest that fails past 6 MB, recording the thread it failed in. */
  public static final class EmpreinteDefaillante extends MessageDigestSpi {
    static volatile String fil;
    static volatile String algorithme;
    private final MessageDigest vrai = sun();
    private long vus;

    private static MessageDigest sun() {
      try {
        return MessageDigest.getInstance(algorithme, "SUN");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected void engineUpdate(byte input) {
      engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      vus += len;
      if (vus > 6 * 1024 * 1024) {
        fil = Thread.currentThread().getName();
        throw new ArithmeticException("empreinte en panne");
      }
      vrai.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
      return vrai.digest();
    }

    @Override
    protected void engineReset() {
      vrai.reset();
      vus = 0;
    }
  }

  private static ReceptionTemporaire.Contenu attendu(Path fichier, byte[] octets) {
    CRC32C crc = new CRC32C();
    crc.update(octets);
    return new ReceptionTemporaire.Contenu(
        fichier,
        octets.length,
        new Empreinte(hex("SHA-256", octets), hex("SHA-512", octets)),
        crc.getValue());
  }

  private static String hex(String algorithme, byte[] octets) {
    return HexFormat.of().formatHex(ReceptionTemporaire.digest(algorithme).digest(octets));
  }

  private static byte[] aleatoires(int taille, long graine) {
    byte[] octets = new byte[taille];
    new Random(graine).nextBytes(octets);
    return octets;
  }

  /** Serves {@code octets} in reads of varying length, from one byte to 200 KB. */
  private static InputStream irregulier(byte[] octets, long graine) {
    Random hasard = new Random(graine);
    return new ByteArrayInputStream(octets) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int longueur =
            switch (hasard.nextInt(4)) {
              case 0 -> 1 + hasard.nextInt(16);
              case 1 -> 1 + hasard.nextInt(4096);
              default -> 1 + hasard.nextInt(200_000);
            };
        return super.read(b, off, Math.min(len, longueur));
      }
    };
  }

  private List<Path> fichiers() throws IOException {
    try (Stream<Path> s = Files.list(repertoire)) {
      return s.toList();
    }
  }

  /**
   * Pool threads inside a digest computation right now. Taken at once after {@code ecrire} gave up:
   * a turn still hashing the chunk it had in hand then shows here.
   */
  private static List<Thread> filsQuiHachent() {
    return filsDEmpreintesDans(
        f ->
            f.getClassName().startsWith("sun.security.provider.")
                || f.getClassName().startsWith(MessageDigest.class.getName()));
  }

  /** Pool threads running any code of the reception, given time to leave a finished turn. */
  private static List<Thread> filsOccupesApresUnInstant() throws InterruptedException {
    List<Thread> occupes = List.of();
    for (int essai = 0; essai < 50; essai++) {
      occupes =
          filsDEmpreintesDans(
              f -> f.getClassName().startsWith(ReceptionTemporaire.class.getName()));
      if (occupes.isEmpty()) {
        break;
      }
      Thread.sleep(10);
    }
    return occupes;
  }

  private static List<Thread> filsDEmpreintesDans(Predicate<StackTraceElement> cadre) {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getName().startsWith(EMPREINTEURS))
        .filter(e -> Arrays.stream(e.getValue()).anyMatch(cadre))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Counts the bytes handed out. */
  private static class Compteur extends FilterInputStream {
    long lus;

    Compteur(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        lus += n;
      }
      return n;
    }
  }
}
