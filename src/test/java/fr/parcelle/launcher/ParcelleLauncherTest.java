package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Payara Micro command the launcher, the crash test and the bench start. */
class ParcelleLauncherTest {

  private static List<String> commande(Map<String, String> environnement) {
    return ParcelleLauncher.commande(
        Path.of("payara-micro.jar"),
        Path.of("parcelle.war"),
        Path.of("inexistant"),
        8080,
        environnement::get);
  }

  @Test
  void par_defaut_un_seul_noeud_et_la_memoire_du_lanceur() {
    List<String> c = commande(Map.of());
    assertThat(c)
        .contains(
            "-Xms128m",
            "-Xmx768m",
            "-XX:+UseSerialGC",
            "-XX:MaxHeapFreeRatio=40",
            "-XX:MinHeapFreeRatio=15",
            "--nocluster");
    assertThat(c.subList(c.indexOf("-jar"), c.size()))
        .startsWith("-jar", "payara-micro.jar", "--deploy", "parcelle.war", "--port", "8080");
  }

  @Test
  void plusieurs_options_de_payara_sont_autant_d_arguments() {
    List<String> c =
        commande(Map.of("PARCELLE_MICRO_OPTS", " --nocluster  --rootdir /srv/parcelle/rt "));
    assertThat(c).containsSubsequence("--nocluster", "--rootdir", "/srv/parcelle/rt");
    assertThat(c).noneMatch(a -> a.isBlank() || a.contains(" "));
  }

  @Test
  void les_options_de_la_jvm_remplacent_celles_par_defaut() {
    List<String> c = commande(Map.of("PARCELLE_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"));
    assertThat(c).contains("-Xmx2g", "-XX:+UseG1GC").doesNotContain("-Xmx768m");
    assertThat(c.indexOf("-Xmx2g")).isLessThan(c.indexOf("-jar"));
  }

  @Test
  void sans_war_rien_n_est_deploye_et_les_options_en_plus_suivent_celles_configurees() {
    List<String> c =
        ParcelleLauncher.commande(
            Path.of("racine/launch-micro.jar"),
            null,
            Path.of("inexistant"),
            8080,
            Map.of("PARCELLE_JAVA_OPTS", "-Xmx1g")::get,
            List.of("-XX:AOTCache=parcelle.aot"));
    assertThat(c).doesNotContain("--deploy");
    assertThat(c.subList(1, c.size()))
        .startsWith("-Xmx1g", "-XX:AOTCache=parcelle.aot", "-jar", "racine/launch-micro.jar");
  }

  @Test
  void apres_une_demande_d_arret_plus_aucun_demarrage() throws Exception {
    // A Ctrl-C while the preparation's JVM writes its cache must not be followed by the platform's
    // start: that process would outlive the launcher and its embedded PostgreSQL.
    ParcelleLauncher.Lancement lancement = new ParcelleLauncher.Lancement();
    assertThat(lancement.arreterLesDemarrages()).isNull();
    assertThatThrownBy(() -> lancement.demarrer(new ProcessBuilder("sleep", "30")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(lancement.courant()).isNull();

    ParcelleLauncher.Lancement autre = new ParcelleLauncher.Lancement();
    Process p = autre.demarrer(new ProcessBuilder("sleep", "30"));
    try {
      assertThat(autre.arretDemande()).isFalse();
      assertThat(autre.arreterLesDemarrages()).as("the process the hook stops").isSameAs(p);
      assertThat(autre.arretDemande()).isTrue();
    } finally {
      p.destroyForcibly().waitFor();
    }
  }
}
