package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

/**
 * A broken connection while an upload is read becomes {@link CorpsDeRequete.EnvoiInterrompu}
 * (answered 400, not an incident); the bytes themselves and a server-side interrupt are untouched.
 */
class CorpsDeRequeteTest {

  @Test
  void les_octets_passent_tels_quels() throws IOException {
    byte[] octets = {1, 2, 3, 4, 5};
    try (InputStream corps = CorpsDeRequete.de(new ByteArrayInputStream(octets))) {
      assertThat(corps.read()).isEqualTo(1);
      assertThat(corps.skip(1)).isEqualTo(1);
      assertThat(corps.readAllBytes()).containsExactly(3, 4, 5);
      assertThat(corps.read()).isEqualTo(-1);
    }
  }

  @Test
  void une_connexion_coupee_devient_un_envoi_interrompu_qui_garde_sa_cause() {
    EOFException coupure = new EOFException();
    InputStream corps = CorpsDeRequete.de(qui(coupure));

    Throwable parRead = catchThrowable(() -> corps.read(new byte[10], 0, 10));
    Throwable parOctet = catchThrowable(corps::read);
    Throwable parSkip = catchThrowable(() -> corps.skip(5));

    for (Throwable t : new Throwable[] {parRead, parOctet, parSkip}) {
      assertThat(t).isInstanceOf(CorpsDeRequete.EnvoiInterrompu.class).hasCause(coupure);
    }
  }

  @Test
  void une_interruption_du_serveur_n_est_pas_imputee_a_l_expediteur() {
    InterruptedIOException interruption = new InterruptedIOException("arrêt");
    InputStream corps = CorpsDeRequete.de(qui(interruption));

    assertThat(catchThrowable(() -> corps.read(new byte[10], 0, 10))).isSameAs(interruption);
  }

  private static InputStream qui(IOException echec) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw echec;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw echec;
      }

      @Override
      public long skip(long n) throws IOException {
        throw echec;
      }
    };
  }
}
