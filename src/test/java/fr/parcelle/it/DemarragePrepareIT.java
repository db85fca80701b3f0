package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.launcher.ParcelleLauncher;
import fr.parcelle.launcher.RacinePreparee;
import fr.parcelle.launcher.RacinePreparee.Etat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launcher's prepared start (README, "Start-up"), with the real WAR and Payara Micro: the
 * preparation run deploys the application into a new kept root and, stopped as Ctrl-C stops it once
 * ready, leaves the JDK's AOT cache; the next start starts from that root without deploying the WAR
 * again, maps the cache, and serves a deposit. Timings are the benchmark's business, not this
 * test's.
 */
class DemarragePrepareIT {

  private static final String MOTEUR_DEMARRE = "Moteur de processus démarré";

  @Test
  void le_second_demarrage_part_de_la_racine_et_du_cache_sans_redeployer() throws Exception {
    assumeTrue(
        RacinePreparee.utilisable(Runtime.version().feature(), null, null),
        "JDK " + Runtime.version().feature() + " : pas de cache AOT écrit à l'arrêt (JDK 25+)");
    Path racine = PlateformeEnProcessus.repertoireNeuf("demarrage-prepare");
    Path micro = Path.of(System.getProperty("payara.microJar"));
    Path war = Path.of(System.getProperty("parcelle.war"));
    int port = PlateformeEnProcessus.portReserve("parcelle.test.aot.http.port");
    RacinePreparee preparee = new RacinePreparee(racine.resolve("payara"));
    Map<String, String> sansOptions = Map.of();
    // What the launcher decides at each start, from what the kept root holds.
    java.util.concurrent.Callable<ParcelleLauncher.Demarrage> demarrage =
        () ->
            ParcelleLauncher.depuisRacine(
                preparee,
                micro,
                war,
                PlateformeEnProcessus.configServeur(),
                port,
                sansOptions::get);

    try (EmbeddedDatabase base =
        EmbeddedDatabase.demarrer(
            racine.resolve("postgres"),
            PlateformeEnProcessus.portReserve("parcelle.test.aot.db.port"))) {
      PlateformeEnProcessus plateforme = new PlateformeEnProcessus(base, racine, port);
      ParcelleLauncher.Lancement preparation = new ParcelleLauncher.Lancement();
      try {
        ParcelleLauncher.Demarrage premier = demarrage.call();
        assertEquals(Etat.NEUVE, premier.etat());
        assertTrue(premier.commande().contains("--deploy"), premier.commande().toString());
        // The launcher's preparation run: deployed, ready, stopped as Ctrl-C stops it.
        assertTrue(
            ParcelleLauncher.preparer(
                preparee,
                premier,
                plateforme.constructeur(premier.commande()),
                plateforme.adresse(),
                preparation),
            "no AOT cache written at exit: see " + plateforme.journal(1));
        assertFalse(preparation.courant().isAlive());
        assertTrue(Files.size(preparee.cache()) > 0);
        assertFalse(Files.exists(preparee.echec()));

        ParcelleLauncher.Demarrage second = demarrage.call();
        assertEquals(Etat.PRETE, second.etat());
        assertFalse(second.commande().contains("--deploy"), second.commande().toString());
        plateforme.demarrer(second.commande());

        // The JVM mapped the cache (it silently goes without one it cannot use).
        String carte = Files.readString(Path.of("/proc", plateforme.pid() + "", "maps"));
        assertTrue(
            carte.contains(preparee.cache().toString()),
            "the AOT cache is not mapped: see " + plateforme.journal(2));
        // The application started once, from the root: not once more from a second deployment.
        List<String> lignes = Files.readAllLines(plateforme.journal(2));
        assertEquals(
            1,
            lignes.stream().filter(l -> l.contains(MOTEUR_DEMARRE)).count(),
            "engine starts in " + plateforme.journal(2));

        // And it works: a DP filed and deposited, then read back.
        HttpClient http = HttpClient.newHttpClient();
        java.net.URL adresse = URI.create(plateforme.adresse() + "/").toURL();
        String id = DpDeTest.deposer(http, adresse, "Durand", "Abri de jardin de 12 m²");
        HttpResponse<String> dossier =
            http.send(
                DpDeTest.requete(adresse, "api/v1/dossiers/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dossier.statusCode(), dossier.body());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dossier.body());
        assertFalse(json.path("numero").asText().isBlank(), dossier.body());
        assertFalse("BROUILLON".equals(json.path("statut").asText()), dossier.body());
      } finally {
        if (preparation.courant() != null) {
          preparation.courant().destroyForcibly();
        }
        plateforme.tuer();
      }
    }
  }
}
