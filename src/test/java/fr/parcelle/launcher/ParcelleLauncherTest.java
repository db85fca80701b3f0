package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void l_arret_laisse_payara_ecrire_sa_fin_dans_la_copie_de_sa_sortie(@TempDir Path dir)
      throws Exception {
    // A JVM that writes as it stops, as Payara does (and as the JVM does when it writes the AOT
    // cache): its output goes through the launcher's pipe, which must stay open until it exits.
    Path source = dir.resolve("Fin.java");
    Files.writeString(
        source,
        "public class Fin { public static void main(String[] a) throws Exception {"
            + " Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"fin"
            + " ecrite\"))); System.out.println(\"pret\"); Thread.sleep(60000); } }");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString())
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream copie = new ByteArrayOutputStream();
    try {
      SortiePayara.recopier(p.getInputStream(), copie);
      attendre(() -> copie.toString(StandardCharsets.UTF_8).contains("pret"));

      ParcelleLauncher.arreter(p, false);

      assertThat(p.exitValue()).isEqualTo(143);
      attendre(() -> copie.toString(StandardCharsets.UTF_8).contains("fin ecrite"));
      assertThat(copie.toString(StandardCharsets.UTF_8)).contains("pret", "fin ecrite");
    } finally {
      p.destroyForcibly().waitFor();
    }
  }

  private static void attendre(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long limite = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < limite) {
      Thread.sleep(20);
    }
  }
}
