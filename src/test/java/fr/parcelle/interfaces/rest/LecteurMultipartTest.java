package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.application.EnvoiGroupe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The streaming multipart/form-data reader, on bodies as clients write them and as attackers do.
 */
class LecteurMultipartTest {

  private static final String B = "----ParcelleBoundary7MA4YWxkTrZu0gW";

  record Lu(String code, String nomFichier, byte[] contenu) {}

  private static List<Lu> lire(byte[] corps, String boundary, int morceau) throws IOException {
    LecteurMultipart lecteur = new LecteurMultipart(lent(corps, morceau), boundary);
    List<Lu> lus = new ArrayList<>();
    for (var f = lecteur.suivant(); f.isPresent(); f = lecteur.suivant()) {
      lus.add(new Lu(f.get().code(), f.get().nomFichier(), f.get().contenu().readAllBytes()));
    }
    return lus;
  }

  /** A stream that gives at most {@code morceau} bytes per read, as a slow socket does. */
  private static InputStream lent(byte[] corps, int morceau) {
    return new ByteArrayInputStream(corps) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, morceau));
      }
    };
  }

  private static byte[] partie(String nom, String nomFichier, byte[] contenu) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + B
                + "\r\nContent-Disposition: form-data; name=\""
                + nom
                + "\""
                + (nomFichier == null ? "" : "; filename=\"" + nomFichier + "\"")
                + "\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(contenu);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] corps(byte[]... parties) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parties) {
      out.writeBytes(p);
    }
    out.writeBytes(("--" + B + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] aleatoire(int taille, long graine) {
    byte[] b = new byte[taille];
    new Random(graine).nextBytes(b);
    return b;
  }

  @Test
  void chaque_partie_rend_ses_octets_exacts_quel_que_soit_le_decoupage_du_flux() throws Exception {
    byte[] pdf = aleatoire(300_000, 1);
    byte[] photo = aleatoire(70_001, 2);
    // Contents that look like the delimiter without being it (RFC 2046: the delimiter itself
    // never occurs in a part), at a read boundary or not.
    byte[] piege =
        ("avant\r\n--"
                + B.substring(0, 20)
                + "\r\n--"
                + B.substring(0, B.length() - 1)
                + "X… après")
            .getBytes(StandardCharsets.UTF_8);
    byte[] corps =
        corps(
            partie("PCMI1", "plan de situation.pdf", pdf),
            partie("PCMI6", "photo.jpg", photo),
            partie("PCMI2", null, piege),
            partie("PCMI3", "vide.pdf", new byte[0]));
    for (int morceau : new int[] {1, 7, 41, 8192, 1 << 20}) {
      List<Lu> lus = lire(corps, B, morceau);
      assertThat(lus).extracting(Lu::code).containsExactly("PCMI1", "PCMI6", "PCMI2", "PCMI3");
      assertThat(lus.get(0).contenu()).isEqualTo(pdf);
      assertThat(lus.get(0).nomFichier()).isEqualTo("plan de situation.pdf");
      assertThat(lus.get(1).contenu()).isEqualTo(photo);
      assertThat(lus.get(2).contenu()).isEqualTo(piege);
      assertThat(lus.get(2).nomFichier()).isNull();
      assertThat(lus.get(3).contenu()).isEmpty();
    }
  }

  @Test
  void une_partie_non_lue_ou_lue_en_partie_est_sautee() throws Exception {
    byte[] a = aleatoire(200_000, 3);
    byte[] b = aleatoire(1_000, 4);
    LecteurMultipart lecteur =
        new LecteurMultipart(lent(corps(partie("A", "a", a), partie("B", "b", b)), 5000), B);
    EnvoiGroupe.Fichier premier = lecteur.suivant().orElseThrow();
    premier.contenu().readNBytes(10);
    EnvoiGroupe.Fichier second = lecteur.suivant().orElseThrow();
    assertThat(second.code()).isEqualTo("B");
    assertThat(second.contenu().readAllBytes()).isEqualTo(b);
    assertThat(premier.contenu().read()).isEqualTo(-1);
    assertThat(lecteur.suivant()).isEmpty();
    assertThat(lecteur.suivant()).isEmpty();
  }

  @Test
  void preambule_et_epilogue_sont_ignores_noms_utf8_et_etendus_sont_lus() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("Ceci est un préambule.\r\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(
        ("--"
                + B
                + "\r\ncontent-disposition: form-data; filename*=UTF-8''r%C3%A9sum%C3%A9%20%2B.pdf;"
                + " name=PCMI4\r\n\r\nX\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(
        ("--"
                + B
                + "  \r\nContent-Disposition: form-data; name=\"PCMI5\"; filename=\"façade \\\"nord\\\".jpg\"\r\n\r\nY\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(("--" + B + "--\r\nÉpilogue ignoré").getBytes(StandardCharsets.UTF_8));
    List<Lu> lus = lire(out.toByteArray(), B, 3);
    assertThat(lus).extracting(Lu::code).containsExactly("PCMI4", "PCMI5");
    assertThat(lus.get(0).nomFichier()).isEqualTo("résumé +.pdf");
    assertThat(lus.get(1).nomFichier()).isEqualTo("façade \"nord\".jpg");
    assertThat(new String(lus.get(1).contenu(), StandardCharsets.US_ASCII)).isEqualTo("Y");
  }

  @Test
  void un_corps_tronque_est_refuse_et_non_pris_pour_une_fin() throws Exception {
    byte[] complet = corps(partie("PCMI1", "a.pdf", aleatoire(100_000, 5)));
    byte[] tronque = java.util.Arrays.copyOf(complet, complet.length - 30);
    LecteurMultipart lecteur = new LecteurMultipart(lent(tronque, 4096), B);
    EnvoiGroupe.Fichier f = lecteur.suivant().orElseThrow();
    assertThatThrownBy(() -> f.contenu().readAllBytes())
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("délimiteur final absent");
  }

  @Test
  void les_corps_hostiles_sont_refuses_sans_tout_lire() {
    assertThatThrownBy(() -> new LecteurMultipart(InputStream.nullInputStream(), null))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class);
    assertThatThrownBy(() -> new LecteurMultipart(InputStream.nullInputStream(), "a\r\nb"))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class);
    // Not multipart at all: no delimiter anywhere.
    assertThatThrownBy(() -> lire("{\"json\": true}".getBytes(StandardCharsets.UTF_8), B, 100))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class);
    // Endless headers: stopped at the limit, not read to the end.
    byte[] enTetes = new byte[1 << 20];
    java.util.Arrays.fill(enTetes, (byte) 'a');
    byte[] corps = concat(("--" + B + "\r\nX-Long: ").getBytes(StandardCharsets.US_ASCII), enTetes);
    AtomicReference<Integer> lus = new AtomicReference<>(0);
    InputStream compte =
        new ByteArrayInputStream(corps) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            lus.set(lus.get() + Math.max(n, 0));
            return n;
          }
        };
    assertThatThrownBy(
            () -> {
              LecteurMultipart l = new LecteurMultipart(compte, B);
              l.suivant();
            })
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("trop longs");
    assertThat(lus.get()).isLessThan(200_000);
    // A part without a name.
    byte[] sansNom =
        ("--"
                + B
                + "\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n\r\nX\r\n--"
                + B
                + "--")
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> lire(sansNom, B, 100))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("pas de nom");
  }

  @Test
  void un_contenu_qui_finit_par_une_fin_de_ligne_ou_un_debut_de_delimiteur_la_garde()
      throws Exception {
    byte[] crlf = "texte\r\n".getBytes(StandardCharsets.US_ASCII);
    byte[] tirets =
        ("texte\r\n--" + B.substring(0, B.length() - 1)).getBytes(StandardCharsets.US_ASCII);
    for (int morceau : new int[] {1, 2, 3, 64}) {
      List<Lu> lus = lire(corps(partie("A", null, crlf), partie("B", null, tirets)), B, morceau);
      assertThat(lus.get(0).contenu()).isEqualTo(crlf);
      assertThat(lus.get(1).contenu()).isEqualTo(tirets);
    }
  }

  @Test
  void un_en_tete_trop_long_est_refuse_meme_arrive_d_un_seul_coup_et_se_compte_en_octets()
      throws Exception {
    // A quoted name of 50,000 characters, whole in the first read: refused before any parsing.
    byte[] nomGeant = corps(partie("A".repeat(50_000), "a.pdf", new byte[] {1}));
    assertThatThrownBy(() -> lire(nomGeant, B, 1 << 20))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("trop longs");
    // Two lines of 2,000 "€": 4,000 characters but 12,000 bytes, over the 8 KB of headers.
    String euros = "€".repeat(2_000);
    byte[] multioctets =
        concat(
            ("--"
                    + B
                    + "\r\nContent-Disposition: form-data; name=\"PCMI1\"; filename=\""
                    + euros
                    + ".pdf\"\r\nX-Commentaire: "
                    + euros
                    + "\r\n\r\nX\r\n")
                .getBytes(StandardCharsets.UTF_8),
            ("--" + B + "--").getBytes(StandardCharsets.US_ASCII));
    for (int morceau : new int[] {100, 1 << 20}) {
      assertThatThrownBy(() -> lire(multioctets, B, morceau))
          .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
          .hasMessageContaining("trop longs");
    }
  }

  @Test
  void les_parametres_se_lisent_guillemets_compris() throws Exception {
    byte[] corps =
        concat(
            ("--"
                    + B
                    + "\r\nContent-Disposition: form-data; filename=\"a; name=PCMI2;.pdf\"; name=\"PCMI1\""
                    + "\r\n\r\nX\r\n--"
                    + B
                    + "\r\nContent-Disposition: form-data; name=PCMI3;"
                    + " filename*=ISO-8859-1''caf%E9.pdf; filename=\"cafe.pdf\"\r\n\r\nY\r\n--"
                    + B
                    + "\r\nContent-Disposition: form-data; name=\"PCMI4\";"
                    + " filename=\"C:\\plans\\coupe.pdf\"\r\n\r\nZ\r\n")
                .getBytes(StandardCharsets.UTF_8),
            ("--" + B + "--").getBytes(StandardCharsets.US_ASCII));

    List<Lu> lus = lire(corps, B, 7);

    // The name inside the quoted file name is not the part's name.
    assertThat(lus).extracting(Lu::code).containsExactly("PCMI1", "PCMI3", "PCMI4");
    assertThat(lus.get(0).nomFichier()).isEqualTo("a; name=PCMI2;.pdf");
    // An extended name in a charset other than UTF-8: the plain one is used.
    assertThat(lus.get(1).nomFichier()).isEqualTo("cafe.pdf");
    // Browsers send backslashes raw: they stay.
    assertThat(lus.get(2).nomFichier()).isEqualTo("C:\\plans\\coupe.pdf");

    byte[] nonFerme =
        ("--" + B + "\r\nContent-Disposition: form-data; name=\"PCMI1\r\n\r\nX\r\n--" + B + "--")
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> lire(nonFerme, B, 100))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("guillemet");
  }

  @Test
  void preambule_et_bourrage_sans_fin_sont_refuses_tot() {
    // Ten megabytes without the delimiter: the boundary does not match the body.
    byte[] sansDelimiteur = new byte[10 << 20];
    java.util.Arrays.fill(sansDelimiteur, (byte) 'x');
    AtomicReference<Integer> lus = new AtomicReference<>(0);
    InputStream compte =
        new ByteArrayInputStream(sansDelimiteur) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            lus.set(lus.get() + Math.max(n, 0));
            return n;
          }
        };
    assertThatThrownBy(() -> new LecteurMultipart(compte, B).suivant())
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("aucun délimiteur");
    assertThat(lus.get()).isLessThan(200_000);

    byte[] bourrage =
        ("--" + B + " ".repeat(LecteurMultipart.BOURRAGE_MAX + 1) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> lire(bourrage, B, 64))
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("espaces");
  }

  @Test
  void apres_une_erreur_la_lecture_ne_reprend_pas_au_delimiteur_suivant() throws Exception {
    // A part without a name, then a well-formed one: the reader must not resynchronise on it.
    byte[] corps =
        concat(
            ("--" + B + "\r\nContent-Disposition: form-data\r\n\r\nX\r\n")
                .getBytes(StandardCharsets.US_ASCII),
            corps(partie("PCMI1", "a.pdf", new byte[] {1})));
    LecteurMultipart lecteur = new LecteurMultipart(lent(corps, 50), B);
    assertThatThrownBy(lecteur::suivant).hasMessageContaining("pas de nom");
    assertThatThrownBy(lecteur::suivant)
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class)
        .hasMessageContaining("déjà échoué");

    // Same once a part's content broke off.
    byte[] complet = corps(partie("PCMI1", "a.pdf", aleatoire(10_000, 2)));
    LecteurMultipart tronque =
        new LecteurMultipart(lent(java.util.Arrays.copyOf(complet, complet.length - 20), 512), B);
    EnvoiGroupe.Fichier f = tronque.suivant().orElseThrow();
    assertThatThrownBy(() -> f.contenu().readAllBytes())
        .isInstanceOf(LecteurMultipart.MultipartMalForme.class);
    assertThatThrownBy(tronque::suivant).hasMessageContaining("déjà échoué");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
