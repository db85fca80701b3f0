package fr.parcelle.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockageFichiersTest {

  @TempDir Path racine;

  @Test
  void conserve_les_octets_a_l_identique_sous_leur_empreinte() throws Exception {
    StockageFichiers stockage = new StockageFichiers(racine);
    byte[] contenu = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(contenu);

    Empreinte e;
    try (DocumentStore.Reception r =
        stockage.recevoir(new ByteArrayInputStream(contenu), 10_000_000)) {
      assertThat(r.taille()).isEqualTo(contenu.length);
      r.conserver();
      e = r.empreinte();
    }

    assertThat(e.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contenu)));
    assertThat(e.sha512())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(contenu)));
    try (InputStream in = stockage.ouvrir(e)) {
      assertThat(in.readAllBytes()).isEqualTo(contenu);
    }
    assertThat(
            racine
                .resolve(e.sha256().substring(0, 2))
                .resolve(e.sha256().substring(2, 4))
                .resolve(e.sha256()))
        .exists();
    assertThat(fichiersTemporaires()).isZero();
  }

  @Test
  void un_envoi_non_conserve_ne_laisse_rien() throws IOException {
    StockageFichiers stockage = new StockageFichiers(racine);
    try (DocumentStore.Reception r =
        stockage.recevoir(new ByteArrayInputStream(new byte[1000]), 10_000)) {
      assertThat(r.fichier()).exists();
    }
    assertThat(fichiersTemporaires()).isZero();
    assertThat(fichiersConserves()).isZero();
  }

  @Test
  void un_fichier_trop_volumineux_est_refuse_en_cours_de_lecture_sans_rien_laisser()
      throws IOException {
    StockageFichiers stockage = new StockageFichiers(racine);
    assertThatThrownBy(
            () -> stockage.recevoir(new ByteArrayInputStream(new byte[2_000_001]), 2_000_000))
        .isInstanceOfSatisfying(
            PieceRefuseeException.class,
            e -> assertThat(e.raison()).isEqualTo(RaisonRefus.FICHIER_TROP_VOLUMINEUX));
    assertThat(fichiersTemporaires()).isZero();
  }

  @Test
  void les_memes_octets_ne_sont_gardes_qu_une_fois() throws IOException {
    StockageFichiers stockage = new StockageFichiers(racine);
    Empreinte a = stockage.conserver("récépissé".getBytes());
    Empreinte b = stockage.conserver("récépissé".getBytes());

    assertThat(a).isEqualTo(b);
    assertThat(fichiersConserves()).isEqualTo(1);
  }

  private long fichiersTemporaires() throws IOException {
    try (Stream<Path> s = Files.list(racine.resolve("tmp"))) {
      return s.count();
    }
  }

  private long fichiersConserves() throws IOException {
    try (Stream<Path> s = Files.walk(racine)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(racine.resolve("tmp")))
          .count();
    }
  }
}
