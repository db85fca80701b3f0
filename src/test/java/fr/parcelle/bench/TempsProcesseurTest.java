package fr.parcelle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempsProcesseurTest {

  @Test
  void lit_les_temps_apres_un_nom_de_commande_qui_contient_des_parentheses_et_des_espaces() {
    // A JVM thread or a postgres backend can be named like this; the times must not shift.
    String ligne =
        "4242 (postgres: parcelle (idle) x) S 4200 4200 4200 0 -1 4194560 1181 0 0 0 731 95 12 7"
            + " 20 0 1 0 12345 226795520 3302 18446744073709551615 1 1 0 0 0 0 4194304 19935360"
            + " 536887303 0 0 0 17 1 0 0 0 0 0";

    long[] champs = TempsProcesseur.champs(ligne);

    assertThat(champs[TempsProcesseur.PPID]).isEqualTo(4200);
    assertThat(champs[TempsProcesseur.UTIME]).isEqualTo(731);
    assertThat(champs[TempsProcesseur.STIME]).isEqualTo(95);
    assertThat(champs[TempsProcesseur.CUTIME]).isEqualTo(12);
    assertThat(champs[TempsProcesseur.CSTIME]).isEqualTo(7);
  }

  @Test
  void compte_la_machine_occupee_hors_attente_et_sans_compter_deux_fois_les_invites() {
    // user nice system idle iowait irq softirq steal guest guest_nice: guest time is already in
    // user, idle and iowait are not busy.
    long[] machine = TempsProcesseur.machine("cpu  1000 10 300 5000 200 5 15 20 400 0");

    assertThat(machine[0]).isEqualTo(1000 + 10 + 300 + 5 + 15 + 20);
    assertThat(machine[1]).isEqualTo(1000 + 10 + 300 + 5000 + 200 + 5 + 15 + 20);
  }

  @Test
  void voit_le_processeur_que_ce_processus_depense(@TempDir Path dossier) throws Exception {
    assumeTrue(TempsProcesseur.disponible(), "/proc n'existe que sous Linux");
    // This JVM stands for both the server and the postmaster's pid file: what matters is that the
    // times read from /proc move with the work done.
    long moi = ProcessHandle.current().pid();
    Path pid = dossier.resolve("postmaster.pid");
    Files.writeString(pid, moi + "\n/data\n");
    TempsProcesseur processeur = new TempsProcesseur(moi, pid);

    TempsProcesseur.Releve avant = processeur.lire();
    long debut = System.nanoTime();
    MessageDigest sha = MessageDigest.getInstance("SHA-512");
    byte[] bloc = new byte[1 << 20];
    while (System.nanoTime() - debut < 400_000_000L) {
      sha.update(bloc);
    }
    TempsProcesseur.Releve apres = processeur.lire();

    // 0.4 s of one busy thread: at least 0.2 s of CPU once the scheduler's share is allowed for.
    assertThat(TempsProcesseur.ms(apres.serveur() - avant.serveur(), 1)).isGreaterThan(200);
    assertThat(TempsProcesseur.ms(apres.client() - avant.client(), 1)).isGreaterThan(200);
    assertThat(TempsProcesseur.ms(apres.postgres() - avant.postgres(), 1)).isGreaterThan(200);
    assertThat(apres.machineOccupee() - avant.machineOccupee()).isPositive();
    assertThat(TempsProcesseur.parDossier(avant, apres, 2))
        .startsWith("processeur par dossier : serveur ")
        .contains("PostgreSQL", "client", "machine occupée à");
  }
}
