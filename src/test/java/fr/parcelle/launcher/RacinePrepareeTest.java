package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.launcher.RacinePreparee.Etat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the launcher starts Payara from a kept root and its AOT cache, and when it starts anew. */
class RacinePrepareeTest {

  @TempDir Path dir;

  private Path fichier(String nom, String contenu) throws IOException {
    return Files.writeString(dir.resolve(nom), contenu);
  }

  @Test
  void seulement_sur_un_jdk_qui_ecrit_le_cache_et_sans_racine_choisie_ailleurs() {
    assertThat(RacinePreparee.utilisable(25, null, null)).isTrue();
    assertThat(RacinePreparee.utilisable(26, "true", "--nocluster")).isTrue();
    // JDK 21 to 24 refuse -XX:AOTCacheOutput: Payara would not start at all.
    assertThat(RacinePreparee.utilisable(21, null, null)).isFalse();
    assertThat(RacinePreparee.utilisable(24, null, null)).isFalse();
    assertThat(RacinePreparee.utilisable(25, " FALSE ", null)).isFalse();
    assertThat(RacinePreparee.utilisable(25, null, "--nocluster --rootDir /srv/rt")).isFalse();
  }

  @Test
  void l_empreinte_change_avec_le_war_payara_le_jdk_ou_les_options() throws IOException {
    Path war = fichier("parcelle.war", "war v1");
    Path micro = fichier("payara-micro.jar", "micro");
    List<String> options = List.of("-Xmx768m", "-XX:+UseSerialGC");
    String e = RacinePreparee.empreinte(war, micro, "25.0.1+8", options);

    assertThat(RacinePreparee.empreinte(war, micro, "25.0.1+8", options)).isEqualTo(e).hasSize(64);
    assertThat(RacinePreparee.empreinte(war, micro, "25.0.2+10", options)).isNotEqualTo(e);
    assertThat(RacinePreparee.empreinte(war, micro, "25.0.1+8", List.of("-Xmx2g"))).isNotEqualTo(e);
    Files.writeString(war, "war v2");
    assertThat(RacinePreparee.empreinte(war, micro, "25.0.1+8", options)).isNotEqualTo(e);
    // The same bytes split differently between the two files are another pair of files.
    Path war2 = fichier("a.war", "war v2m");
    Path micro2 = fichier("b.jar", "icro");
    assertThat(RacinePreparee.empreinte(war2, micro2, "25.0.1+8", options))
        .isNotEqualTo(RacinePreparee.empreinte(war, micro, "25.0.1+8", options));
  }

  @Test
  void neuve_tant_que_l_application_n_a_pas_repondu_prete_dans_cette_racine() throws IOException {
    RacinePreparee r = new RacinePreparee(dir.resolve("payara"));
    assertThat(r.etat("abc")).isEqualTo(Etat.NEUVE);

    Files.createDirectories(r.racine());
    Files.writeString(r.lanceur(), "jar");
    // Launcher written, but the first start never reached ready: deploy again.
    assertThat(r.etat("abc")).isEqualTo(Etat.NEUVE);

    r.confirmer("abc");
    assertThat(r.etat("abc")).isEqualTo(Etat.SANS_CACHE);
    assertThat(r.etat("autre")).isEqualTo(Etat.NEUVE);

    Files.writeString(r.cache(), "");
    assertThat(r.etat("abc")).as("empty cache file").isEqualTo(Etat.SANS_CACHE);
    Files.writeString(r.cache(), "AOT");
    assertThat(r.etat("abc")).isEqualTo(Etat.PRETE);
  }

  @Test
  void lit_le_cache_s_il_existe_sinon_l_ecrit_a_l_arret() {
    RacinePreparee r = new RacinePreparee(dir);
    assertThat(r.optionsJvm(Etat.PRETE))
        .containsExactly("-XX:AOTCache=" + dir.resolve("parcelle.aot"));
    assertThat(r.optionsJvm(Etat.SANS_CACHE))
        .containsExactly(
            "-XX:AOTCacheOutput=" + dir.resolve("parcelle.aot"),
            "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
    assertThat(r.optionsJvm(Etat.NEUVE)).isEqualTo(r.optionsJvm(Etat.SANS_CACHE));
    assertThat(r.optionsJvm(Etat.RACINE_SEULE)).isEmpty();
  }

  @Test
  void une_preparation_sans_cache_n_est_pas_refaite_pour_la_meme_version() throws IOException {
    // Temurin 25.0.3 crashed writing the cache after a run that had served deposits: the next
    // starts must not crash the same way at every stop, nor lose the root.
    RacinePreparee r = new RacinePreparee(dir.resolve("payara"));
    Files.createDirectories(r.racine());
    Files.writeString(r.lanceur(), "jar");
    r.confirmer("abc");
    Files.writeString(r.cache(), "");

    assertThat(r.cacheEcrit("abc", 134)).isFalse();
    assertThat(r.cache()).doesNotExist();
    assertThat(r.echec()).content().startsWith("abc\n").contains("134");
    assertThat(r.etat("abc")).isEqualTo(Etat.RACINE_SEULE);
    // Another version (new WAR, JDK, options) prepares anew.
    assertThat(r.etat("autre")).isEqualTo(Etat.NEUVE);
    r.confirmer("autre");
    assertThat(r.etat("autre")).isEqualTo(Etat.SANS_CACHE);

    // A preparation that wrote it: ready, and the failure forgotten.
    Files.writeString(r.cache(), "AOT");
    assertThat(r.cacheEcrit("autre", 0)).isTrue();
    assertThat(r.echec()).doesNotExist();
    assertThat(r.etat("autre")).isEqualTo(Etat.PRETE);
  }

  @Test
  void depuis_la_racine_seule_ni_deploiement_ni_cache() throws Exception {
    RacinePreparee r = new RacinePreparee(dir.resolve("payara"));
    Path war = fichier("parcelle.war", "war");
    Path micro = fichier("payara-micro.jar", "micro");
    String empreinte =
        RacinePreparee.empreinte(
            war,
            micro,
            Runtime.version().toString(),
            List.of(ParcelleLauncher.OPTIONS_JVM_PAR_DEFAUT.split(" ")));
    Files.createDirectories(r.racine());
    Files.writeString(r.lanceur(), "jar");
    r.confirmer(empreinte);
    r.cacheEcrit(empreinte, 134);

    ParcelleLauncher.Demarrage d =
        ParcelleLauncher.depuisRacine(r, micro, war, dir.resolve("rien"), 8080, k -> null);

    assertThat(d.etat()).isEqualTo(Etat.RACINE_SEULE);
    assertThat(d.commande())
        .contains(r.lanceur().toString())
        .noneMatch(a -> a.startsWith("-XX:AOTCache"))
        .doesNotContain("--deploy");
  }

  @Test
  void une_racine_neuve_deploie_le_war_une_racine_preparee_ne_le_redeploie_pas() throws Exception {
    // Not a real Payara: reinitialiser runs "java -jar" on it, which fails; the commands are
    // checked with the root's state set by hand.
    RacinePreparee r = new RacinePreparee(dir.resolve("payara"));
    Path war = fichier("parcelle.war", "war");
    Path micro = fichier("payara-micro.jar", "micro");
    Map<String, String> env = Map.of("PARCELLE_JAVA_OPTS", "-Xmx512m");
    String empreinte =
        RacinePreparee.empreinte(war, micro, Runtime.version().toString(), List.of("-Xmx512m"));
    Files.createDirectories(r.racine());
    Files.writeString(r.lanceur(), "jar");
    r.confirmer(empreinte);
    Files.writeString(r.cache(), "AOT");

    ParcelleLauncher.Demarrage d =
        ParcelleLauncher.depuisRacine(r, micro, war, dir.resolve("rien"), 8080, env::get);

    assertThat(d.etat()).isEqualTo(Etat.PRETE);
    assertThat(d.commande())
        .containsSubsequence(
            "-Xmx512m", "-XX:AOTCache=" + r.cache(), "-jar", r.lanceur().toString())
        .doesNotContain("--deploy", war.toString(), micro.toString());
  }

  @Test
  void un_payara_qui_n_ecrit_pas_son_lanceur_est_une_erreur_claire() throws IOException {
    RacinePreparee r = new RacinePreparee(dir.resolve("payara"));
    Files.createDirectories(r.racine());
    Files.writeString(r.racine().resolve("reste-d-avant"), "x");
    Path pasUnJar = fichier("payara-micro.jar", "pas un jar");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.reinitialiser(java, pasUnJar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("launch-micro.jar")
        .hasMessageContaining("preparation.log");
    assertThat(r.racine().resolve("reste-d-avant")).as("the old root was cleared").doesNotExist();
  }

  private Path zip(String nom, long heure, String... contenus) throws IOException {
    Path p = dir.resolve(nom);
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
      for (int i = 0; i < contenus.length; i++) {
        java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("WEB-INF/classes/C" + i + ".class");
        e.setTime(heure);
        out.putNextEntry(e);
        out.write(contenus[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return p;
  }

  @Test
  void un_war_reconstruit_a_l_identique_garde_la_racine_un_octet_change_la_refait()
      throws IOException {
    Path micro = fichier("payara-micro.jar", "micro");
    List<String> o = List.of();
    // mvn package writes the same entries with new timestamps at each build.
    String hier = RacinePreparee.empreinte(zip("a.war", 1_000_000L, "x", "y"), micro, "25", o);
    String aujourdhui =
        RacinePreparee.empreinte(zip("b.war", 9_000_000_000L, "x", "y"), micro, "25", o);
    assertThat(Files.readAllBytes(dir.resolve("a.war")))
        .isNotEqualTo(Files.readAllBytes(dir.resolve("b.war")));
    assertThat(aujourdhui).isEqualTo(hier);
    assertThat(RacinePreparee.empreinte(zip("c.war", 1_000_000L, "x", "z"), micro, "25", o))
        .isNotEqualTo(hier);
    assertThat(RacinePreparee.empreinte(zip("d.war", 1_000_000L, "x"), micro, "25", o))
        .isNotEqualTo(hier);
  }
}
