package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * What every store does before keeping an upload: the body streamed to a private temporary file
 * while SHA-256, SHA-512 and a CRC32C are computed, the size limit enforced on the way. The file
 * stays local whatever the store, because the inspection (Tika, PDFBox) reads it before anything is
 * kept. Each store says only how the bytes are kept ({@link #ranger}).
 */
public abstract class ReceptionTemporaire implements DocumentStore.Reception {

  private static final Logger LOG = Logger.getLogger(ReceptionTemporaire.class.getName());
  static final int TAMPON = 64 * 1024;

  /**
   * Size from which the SHA-512 leaves the reading thread. Below it, which is most pièces (a few
   * hundred KB), nothing changes: the digests of 4 MB take about 10 ms, the most an overlap could
   * save, whereas the hand-over costs buffers, a task and thread switches, and while dossiers of
   * small pièces arrive together on two cores there is no idle core to win anyway. So such uploads
   * get no buffer, no task, no thread switch. Past it, the upload is long enough for hashing beside
   * the reading and writing to pay: a 500 MB file spends more than a second in the SHA-512 alone.
   */
  static final int SEUIL_PARALLELE = 4 * 1024 * 1024;

  /** A chunk handed to the SHA-512: 512 KB, i.e. some 600 hand-overs a second at 300 MB/s. */
  static final int MORCEAU = 512 * 1024;

  /**
   * Chunks of one upload at most, in the reader's hands or waiting for the digests: 2 MB whatever
   * the size of the file; the reader waits for a free one when it is that far ahead.
   */
  static final int MORCEAUX = 4;

  /** The received bytes, on local disk, and what was computed while they arrived. */
  public record Contenu(Path fichier, long taille, Empreinte empreinte, long crc32c) {}

  private final Contenu contenu;
  private boolean conservee;

  protected ReceptionTemporaire(Contenu contenu) {
    this.contenu = contenu;
  }

  /**
   * Streams {@code flux} into a new file of {@code repertoire}; nothing is left behind when it is
   * refused or fails.
   *
   * <p>The first {@link #SEUIL_PARALLELE} bytes, that is the whole of most pièces, are hashed on
   * the calling thread as they are read. Past them, the SHA-512, already fed with those bytes, goes
   * on in a pool thread ({@link HachageParallele}) while this thread keeps reading, CRC-ing,
   * writing and computing the SHA-256: the SHA-512 is the slower of the two (≈ 440 MB/s against ≈
   * 1.1 GB/s on this project's machine), so the two threads then take about the same time per
   * chunk, where both digests on the pool thread capped a large upload at ≈ 310 MB/s.
   *
   * @throws PieceRefuseeException past {@code tailleMax} bytes
   */
  public static Contenu ecrire(Path repertoire, InputStream flux, long tailleMax)
      throws IOException {
    return ecrire(repertoire, flux, tailleMax, false);
  }

  /**
   * Like {@link #ecrire(Path, InputStream, long)}; with {@code ecritureAuFil}, for a store that
   * keeps this very file (it fsyncs it before the rename), a large upload is also written to disk
   * while it arrives ({@link EcritureAuFil}), so that the final fsync has only its last megabytes
   * left to write.
   */
  public static Contenu ecrire(
      Path repertoire, InputStream flux, long tailleMax, boolean ecritureAuFil) throws IOException {
    Path fichier = repertoire.resolve(UUID.randomUUID() + ".part");
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha512 = digest("SHA-512");
    CRC32C controle = new CRC32C();
    long taille = 0;
    HachageParallele parallele = null;
    boolean ok = false;
    try {
      try (FileChannel out =
          FileChannel.open(fichier, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        EcritureAuFil auFil = null;
        try {
          byte[] tampon = new byte[TAMPON];
          int n;
          while (taille < SEUIL_PARALLELE && (n = flux.read(tampon)) != -1) {
            taille = limiter(taille + n, tailleMax);
            sha256.update(tampon, 0, n);
            sha512.update(tampon, 0, n);
            controle.update(tampon, 0, n);
            toutEcrire(out, tampon, n);
          }
          if (taille >= SEUIL_PARALLELE) {
            parallele = new HachageParallele(sha512);
            auFil = ecritureAuFil ? new EcritureAuFil(out, taille) : null;
            byte[] morceau = parallele.tamponLibre();
            int rempli = 0;
            while ((n = flux.read(morceau, rempli, morceau.length - rempli)) != -1) {
              taille = limiter(taille + n, tailleMax);
              rempli += n;
              if (rempli == morceau.length) {
                livrer(parallele, auFil, sha256, controle, out, morceau, rempli);
                morceau = parallele.tamponLibre();
                rempli = 0;
              }
            }
            if (rempli > 0) {
              livrer(parallele, auFil, sha256, controle, out, morceau, rempli);
            }
            parallele.terminer();
            if (auFil != null) {
              auFil.terminer();
            }
          }
        } finally {
          // The channel closes after this: no background fsync may still be using it.
          if (auFil != null) {
            auFil.attendreLaFin();
          }
        }
      }
      ok = true;
    } finally {
      if (!ok) {
        if (parallele != null) {
          parallele.abandonner();
        }
        Files.deleteIfExists(fichier);
      }
    }
    return new Contenu(
        fichier, taille, new Empreinte(hex(sha256), hex(sha512)), controle.getValue());
  }

  private static long limiter(long taille, long tailleMax) {
    if (taille > tailleMax) {
      throw new PieceRefuseeException(
          RaisonRefus.FICHIER_TROP_VOLUMINEUX,
          "Le fichier dépasse " + (tailleMax / (1024 * 1024)) + " Mo.");
    }
    return taille;
  }

  /**
   * Hands a full chunk to the SHA-512 first, so that it starts at once, then CRCs, writes and
   * SHA-256s it here: both threads only read the buffer, which comes back free once hashed.
   */
  private static void livrer(
      HachageParallele parallele,
      EcritureAuFil auFil,
      MessageDigest sha256,
      CRC32C controle,
      FileChannel out,
      byte[] morceau,
      int longueur)
      throws IOException {
    parallele.confier(morceau, longueur);
    controle.update(morceau, 0, longueur);
    toutEcrire(out, morceau, longueur);
    if (auFil != null) {
      auFil.ecrits(longueur);
    }
    sha256.update(morceau, 0, longueur);
  }

  private static void toutEcrire(FileChannel out, byte[] octets, int longueur) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(octets, 0, longueur);
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  /** Keeps the received bytes for good; the temporary file may be gone afterwards. */
  protected abstract void ranger(Contenu contenu) throws IOException;

  @Override
  public final void conserver() throws IOException {
    if (!conservee) {
      ranger(contenu);
      conservee = true;
    }
  }

  @Override
  public Path fichier() {
    return contenu.fichier();
  }

  @Override
  public long taille() {
    return contenu.taille();
  }

  @Override
  public Empreinte empreinte() {
    return contenu.empreinte();
  }

  /**
   * Deletes the temporary file if it is still there: an upload not kept leaves nothing, and a store
   * that copied the bytes elsewhere (object store) needs it no more.
   */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(contenu.fichier());
    } catch (IOException e) {
      LOG.warning(() -> "Fichier temporaire non supprimé : " + contenu.fichier());
    }
  }

  /**
   * Deletes the temporary files of {@code repertoire} last written before {@code avant}: a
   * reception in progress writes its file continuously, then holds it for the inspection and the
   * keeping (a few seconds), so only a file abandoned by a stopped server gets that old. Says how
   * many.
   */
  public static int supprimerAnciens(Path repertoire, Instant avant) throws IOException {
    int supprimes = 0;
    try (DirectoryStream<Path> fichiers = Files.newDirectoryStream(repertoire, "*.part")) {
      for (Path f : fichiers) {
        try {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(avant) && Files.deleteIfExists(f)) {
            supprimes++;
          }
        } catch (NoSuchFileException e) {
          // kept or dropped meanwhile by its reception
        }
      }
    }
    return supprimes;
  }

  public static MessageDigest digest(String algorithme) {
    try {
      return MessageDigest.getInstance(algorithme);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The threads that hash large uploads: two platform daemon threads at most for the whole
   * application, named {@code parcelle-empreintes-N}, started on first need and gone after 30 s
   * idle (nothing lingers once uploads stop, nor after an undeploy). Platform threads rather than
   * virtual ones: the work is pure CPU, which virtual threads would run unsliced on the carrier
   * pool shared with the rest of the application, whereas two threads cap the hashing at the two
   * cores however many large uploads arrive together. Uploads submit short turns ({@link
   * HachageParallele#run}), never a task that waits for its client: a slow upload holds no thread,
   * and the others take their turns in the queue, whose length is bounded by the uploads in
   * progress.
   */
  private static final class Empreinteurs {
    static final ThreadPoolExecutor EXECUTEUR = deuxFilsAuPlus("parcelle-empreintes-");
  }

  /**
   * Two daemon threads at most, named {@code prefixe} + a number, started on first need and gone
   * after 30 s idle; an unbounded queue, whose length the callers bound.
   */
  private static ThreadPoolExecutor deuxFilsAuPlus(String prefixe) {
    AtomicInteger numero = new AtomicInteger();
    ThreadPoolExecutor executeur =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            tache -> {
              Thread t = new Thread(tache, prefixe + numero.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executeur.allowCoreThreadTimeOut(true);
    return executeur;
  }

  /**
   * Bytes of a large upload after which its file is fsynced in the background (fdatasync): 32 MB,
   * about a tenth of a second of this machine's disk.
   */
  static final long PAS_ECRITURE_AU_FIL = 32L * 1024 * 1024;

  /**
   * Progressive writeback of a large upload kept as is by the file store. Without it, Linux leaves
   * the received bytes in the page cache (they stay under its dirty thresholds, a few GB) and the
   * store's fsync before the rename writes the whole file at once, after the last byte arrived: for
   * 500 MB, a second or more of disk writing added to the reception (docs/performance.md,
   * fourteenth session). Here, each time {@link #PAS_ECRITURE_AU_FIL} more bytes have been written
   * and no fsync of this file is running, one more is started on a background thread, so that the
   * disk writes while the network and the digests work. Used by the reading thread only; at most
   * one fsync in flight per upload, on threads of its own ({@link Ecrivains}): an fsync waits for
   * the disk, and must not hold a hashing thread.
   */
  private static final class EcritureAuFil {
    private final FileChannel canal;
    private long nonForces;
    private Future<?> enCours;

    EcritureAuFil(FileChannel canal, long dejaEcrits) {
      this.canal = canal;
      this.nonForces = dejaEcrits;
    }

    void ecrits(int n) throws IOException {
      nonForces += n;
      if (nonForces >= PAS_ECRITURE_AU_FIL && (enCours == null || enCours.isDone())) {
        if (enCours != null) {
          resultat(enCours);
        }
        nonForces = 0;
        Ecrivains.LANCEES.incrementAndGet();
        enCours =
            Ecrivains.EXECUTEUR.submit(
                () -> {
                  canal.force(false);
                  return null;
                });
      }
    }

    /** The last background fsync done, and its failure, if any, thrown here. */
    void terminer() throws IOException {
      if (enCours != null) {
        resultat(enCours);
      }
    }

    /**
     * Returns once no background fsync uses the channel any more, whatever happened: an fsync
     * cannot be cut short, so this waits for it (not interruptible; the interrupt status is kept).
     */
    void attendreLaFin() {
      if (enCours == null) {
        return;
      }
      boolean interrompu = false;
      while (true) {
        try {
          enCours.get();
          break;
        } catch (InterruptedException e) {
          interrompu = true;
        } catch (ExecutionException e) {
          break; // thrown by terminer() on the way that needs it
        }
      }
      if (interrompu) {
        Thread.currentThread().interrupt();
      }
    }

    private static void resultat(Future<?> f) throws IOException {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Réception interrompue pendant l'écriture sur disque");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw new IOException("Écriture sur disque en échec : " + io.getMessage(), io);
        }
        throw new IllegalStateException("Écriture sur disque en échec", e.getCause());
      }
    }
  }

  /**
   * The threads that fsync large uploads while they arrive: two daemon threads at most, named
   * {@code parcelle-ecritures-N}, gone after 30 s idle, as {@link Empreinteurs}.
   */
  private static final class Ecrivains {
    /** How many background fsyncs were started since the class was loaded (tests). */
    static final AtomicLong LANCEES = new AtomicLong();

    static final ThreadPoolExecutor EXECUTEUR = deuxFilsAuPlus("parcelle-ecritures-");
  }

  /** Background fsyncs started so far by large uploads ({@link EcritureAuFil}); for the tests. */
  static long ecrituresAuFilLancees() {
    return Ecrivains.LANCEES.get();
  }

  /**
   * The SHA-512 of a large upload, fed on a pool thread with the chunks in the order they were
   * read. The reading thread takes a buffer ({@link #tamponLibre}), fills it, hands it over ({@link
   * #confier}), may still read it but never writes into it again until the pool thread has given it
   * back. At most {@link ReceptionTemporaire#MORCEAUX} buffers, allocated when needed and reused.
   * Every way out of {@link ReceptionTemporaire#ecrire} goes through {@link #terminer} or {@link
   * #abandonner}, after which no pool thread works for this upload any more.
   */
  private static final class HachageParallele implements Runnable {

    private record Morceau(byte[] octets, int longueur) {}

    private final MessageDigest sha512;
    private final ReentrantLock verrou = new ReentrantLock();
    private final Condition evolution = verrou.newCondition();

    // Guarded by verrou.
    private final ArrayDeque<Morceau> aHacher = new ArrayDeque<>(MORCEAUX);
    private final ArrayDeque<byte[]> libres = new ArrayDeque<>(MORCEAUX);
    private int alloues;

    /** A turn ({@link #run}) is waiting in the executor's queue or running. */
    private boolean planifie;

    private boolean abandonne;
    private Throwable echec;

    HachageParallele(MessageDigest sha512) {
      this.sha512 = sha512;
    }

    /**
     * A buffer the reading thread may fill: a given-back one, a new one, or waits for one. An
     * interrupted reader stops here even when it need not wait, so that an interrupt ends the
     * upload whether or not the digests happen to keep up.
     */
    byte[] tamponLibre() throws InterruptedIOException {
      byte[] libre;
      verrou.lock();
      try {
        verifierInterruption();
        while (libres.isEmpty() && alloues == MORCEAUX && echec == null) {
          attendre();
        }
        signalerEchec();
        libre = libres.poll();
        if (libre == null) {
          alloues++;
        }
      } finally {
        verrou.unlock();
      }
      return libre != null ? libre : new byte[MORCEAU];
    }

    /** Queues a filled chunk for the digests and makes sure a turn is planned to hash it. */
    void confier(byte[] octets, int longueur) {
      verrou.lock();
      try {
        signalerEchec();
        aHacher.add(new Morceau(octets, longueur));
        if (!planifie) {
          Empreinteurs.EXECUTEUR.execute(this);
          planifie = true;
        }
      } finally {
        verrou.unlock();
      }
    }

    /** Waits until every chunk handed over is in the digests. */
    void terminer() throws InterruptedIOException {
      verrou.lock();
      try {
        verifierInterruption();
        while (planifie) {
          attendre();
        }
        signalerEchec();
      } finally {
        verrou.unlock();
      }
    }

    /**
     * Drops the chunks not yet hashed and returns once no pool thread works for this upload: a turn
     * still queued is taken out of the executor, a running one stops after its current chunk (a
     * millisecond or two). Not interruptible, for that reason; the interrupt status is kept.
     */
    void abandonner() {
      verrou.lock();
      try {
        abandonne = true;
        aHacher.clear();
        if (planifie && Empreinteurs.EXECUTEUR.remove(this)) {
          planifie = false;
        }
        while (planifie) {
          evolution.awaitUninterruptibly();
        }
      } finally {
        verrou.unlock();
      }
    }

    /**
     * One turn on a pool thread: hashes the queued chunks in order, giving each buffer back, then
     * ends when the queue is empty. After {@link ReceptionTemporaire#MORCEAUX} chunks it requeues
     * itself if another upload's turn is waiting, so that concurrent large uploads share the two
     * threads. Any failure, even of the requeuing, ends the turn and is thrown again in the reading
     * thread.
     */
    @Override
    public void run() {
      try {
        hacherUnTour();
      } catch (Throwable t) {
        verrou.lock();
        try {
          echec = t;
          aHacher.clear();
          planifie = false;
          evolution.signalAll();
        } finally {
          verrou.unlock();
        }
      }
    }

    private void hacherUnTour() {
      byte[] rendu = null;
      for (int hache = 0; ; hache++) {
        Morceau morceau;
        verrou.lock();
        try {
          if (rendu != null) {
            libres.push(rendu);
            evolution.signalAll();
          }
          if (abandonne || aHacher.isEmpty()) {
            planifie = false;
            evolution.signalAll();
            return;
          }
          if (hache >= MORCEAUX && !Empreinteurs.EXECUTEUR.getQueue().isEmpty()) {
            Empreinteurs.EXECUTEUR.execute(this);
            return;
          }
          morceau = aHacher.poll();
        } finally {
          verrou.unlock();
        }
        sha512.update(morceau.octets(), 0, morceau.longueur());
        rendu = morceau.octets();
      }
    }

    /** Holding verrou. */
    private void attendre() throws InterruptedIOException {
      try {
        evolution.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Réception interrompue pendant le calcul des empreintes");
      }
    }

    /** The interrupt status is kept, as {@link #attendre} does. */
    private static void verifierInterruption() throws InterruptedIOException {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("Réception interrompue");
      }
    }

    /** Holding verrou: a failure of the pool thread, thrown again in the reading thread. */
    private void signalerEchec() {
      if (echec instanceof Error e) {
        throw e;
      }
      if (echec != null) {
        throw new IllegalStateException("Calcul des empreintes en échec", echec);
      }
    }
  }
}
