package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.application.TeleversementLimiteException.Motif;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-user upload limits, on a clock the test moves. */
class QuotaTeleversementsTest {

  private static final long SECONDE = 1_000_000_000L;
  private final AtomicLong maintenant = new AtomicLong(1_000 * SECONDE);

  /** 2 at once, 5 per minute, 1 KiB/s after 10 s. */
  private final QuotaTeleversements quota =
      new QuotaTeleversements(2, 5, 60, 1024, 10, maintenant::get);

  @Test
  void deux_envois_a_la_fois_le_troisieme_attend_qu_une_place_se_libere() {
    QuotaTeleversements.Place a = quota.entrer("architecte");
    QuotaTeleversements.Place b = quota.entrer("architecte");
    assertThatThrownBy(() -> quota.entrer("architecte"))
        .isInstanceOfSatisfying(
            TeleversementLimiteException.class,
            e -> {
              assertThat(e.motif()).isEqualTo(Motif.TROP_DE_TELEVERSEMENTS);
              assertThat(e.motif().statut()).isEqualTo(429);
              assertThat(e.getMessage()).contains("en même temps");
            });
    // Someone else is not affected.
    quota.entrer("autre").close();
    a.close();
    a.close(); // closing twice gives back one place only
    quota.entrer("architecte").close();
    b.close();
  }

  @Test
  void cinq_envois_par_minute_puis_il_faut_attendre_la_fin_de_la_fenetre() {
    for (int i = 0; i < 5; i++) {
      quota.entrer("architecte").close();
      maintenant.addAndGet(SECONDE);
    }
    assertThatThrownBy(() -> quota.entrer("architecte"))
        .isInstanceOfSatisfying(
            TeleversementLimiteException.class,
            e -> {
              assertThat(e.motif()).isEqualTo(Motif.TROP_DE_TELEVERSEMENTS);
              // The first upload leaves the window 60 s after it began: 55 s from now, rounded up.
              assertThat(e.reessayerDansSecondes()).isEqualTo(56);
            });
    maintenant.addAndGet(56 * SECONDE);
    quota.entrer("architecte").close();
  }

  @Test
  void un_envoi_qui_goutte_est_interrompu_apres_la_periode_de_grace() throws IOException {
    byte[] contenu = new byte[64 * 1024];
    try (QuotaTeleversements.Place place = quota.entrer("architecte")) {
      InputStream flux = place.surveiller(new ByteArrayInputStream(contenu));
      byte[] tampon = new byte[100];
      // 100 bytes a second for 10 s: slow, but still within the grace period.
      for (int i = 0; i < 10; i++) {
        assertThat(flux.read(tampon)).isEqualTo(100);
        maintenant.addAndGet(SECONDE);
      }
      maintenant.addAndGet(SECONDE);
      assertThatThrownBy(() -> flux.read(tampon))
          .isInstanceOfSatisfying(
              TeleversementLimiteException.class,
              e -> {
                assertThat(e.motif()).isEqualTo(Motif.TELEVERSEMENT_TROP_LENT);
                assertThat(e.motif().statut()).isEqualTo(408);
              });
    }
    // The place was given back.
    quota.entrer("architecte").close();
    quota.entrer("architecte").close();
  }

  @Test
  void un_debut_rapide_ne_couvre_pas_un_goutte_a_goutte_ensuite() throws IOException {
    byte[] contenu = new byte[20 * 1024 * 1024];
    try (QuotaTeleversements.Place place = quota.entrer("architecte")) {
      InputStream flux = place.surveiller(new ByteArrayInputStream(contenu));
      // 10 MB in the first second: on average, enough for hours at 1 KiB/s.
      byte[] tampon = new byte[10 * 1024 * 1024];
      assertThat(flux.readNBytes(tampon, 0, tampon.length)).isEqualTo(tampon.length);
      maintenant.addAndGet(65 * SECONDE);
      byte[] octet = new byte[1];
      // The first minute, well fed, is closed by this read.
      assertThat(flux.read(octet)).isEqualTo(1);
      // The next one byte later: that minute is judged on its own.
      maintenant.addAndGet(65 * SECONDE);
      assertThatThrownBy(() -> flux.read(octet))
          .isInstanceOfSatisfying(
              TeleversementLimiteException.class,
              e -> {
                assertThat(e.motif()).isEqualTo(Motif.TELEVERSEMENT_TROP_LENT);
                assertThat(e.getMessage()).contains("sur la dernière minute");
              });
    }
  }

  @Test
  void un_envoi_au_debit_minimum_regulier_passe_minute_apres_minute() throws IOException {
    byte[] contenu = new byte[300 * 1024];
    try (QuotaTeleversements.Place place = quota.entrer("architecte")) {
      InputStream flux = place.surveiller(new ByteArrayInputStream(contenu));
      byte[] tampon = new byte[1024];
      long total = 0;
      int n;
      while ((n = flux.read(tampon)) != -1) {
        total += n;
        maintenant.addAndGet(SECONDE); // 1 KiB/s, the minimum, for five minutes
      }
      assertThat(total).isEqualTo(contenu.length);
    }
  }

  @Test
  void un_envoi_rapide_passe_meme_long() throws IOException {
    byte[] contenu = new byte[200 * 1024];
    try (QuotaTeleversements.Place place = quota.entrer("architecte")) {
      InputStream flux = place.surveiller(new ByteArrayInputStream(contenu));
      byte[] tampon = new byte[8192];
      long total = 0;
      int n;
      while ((n = flux.read(tampon)) != -1) {
        total += n;
        maintenant.addAndGet(SECONDE); // 8 KiB/s for 25 s
      }
      assertThat(total).isEqualTo(contenu.length);
    }
  }

  @Test
  void un_envoi_groupe_compte_chaque_fichier_dans_la_fenetre_mais_ne_prend_qu_une_place() {
    try (QuotaTeleversements.Place groupe = quota.entrer("architecte")) {
      for (int i = 0; i < 4; i++) {
        groupe.unFichierDePlus(); // five files in all: the window (5 per minute) is full
      }
      assertThatThrownBy(groupe::unFichierDePlus)
          .isInstanceOfSatisfying(
              TeleversementLimiteException.class,
              e -> assertThat(e.motif()).isEqualTo(Motif.TROP_DE_TELEVERSEMENTS));
      // One place taken of two: the window, not the places, refuses the next upload.
      assertThatThrownBy(() -> quota.entrer("architecte"))
          .isInstanceOfSatisfying(
              TeleversementLimiteException.class,
              e -> assertThat(e.getMessage()).contains("5 fichiers en peu de temps"));
    }
    maintenant.addAndGet(61 * SECONDE);
    quota.entrer("architecte").close();
  }
}
