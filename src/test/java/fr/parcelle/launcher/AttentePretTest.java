package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher's wait for {@code /health/ready}, against a small HTTP server whose every connection
 * and request is recorded.
 */
class AttentePretTest {

  private static final String UP = "{\"status\":\"UP\",\"checks\":[]}";
  private static final String DOWN = "{\"status\":\"DOWN\",\"checks\":[]}";

  /**
   * What Payara Micro answers while no application is loaded (during a deployment, or after one
   * failed).
   */
  private static final String SANS_APPLICATION =
      "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"No Application deployed\",\"status\":\"DOWN\"}]}";

  private ServerSocket serveur;
  private final List<Socket> connexions = new CopyOnWriteArrayList<>();
  private final List<List<String>> demandes = new CopyOnWriteArrayList<>();

  /** Called when a request has been read, before it is answered. */
  private volatile Runnable avantReponse = () -> {};

  /** How the server treats its n-th connection (from 0): an answer, or none (null). */
  private interface Reponse {
    String pour(int connexion);
  }

  private String demarrer(Reponse reponse) throws IOException {
    serveur = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accueil =
        new Thread(
            () -> {
              for (int n = 0; !serveur.isClosed(); n++) {
                try {
                  Socket s = serveur.accept();
                  connexions.add(s);
                  int rang = n;
                  Thread.ofVirtual().start(() -> servir(s, reponse.pour(rang)));
                } catch (IOException e) {
                  return;
                }
              }
            });
    accueil.setDaemon(true);
    accueil.start();
    return "http://127.0.0.1:" + serveur.getLocalPort() + "/health/ready";
  }

  /** Reads one request's head; answers it and closes, or keeps the connection open unanswered. */
  private void servir(Socket s, String corps) {
    try {
      BufferedReader entree =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      List<String> tete = new ArrayList<>();
      for (String ligne = entree.readLine(); ligne != null && !ligne.isEmpty(); ) {
        tete.add(ligne);
        ligne = entree.readLine();
      }
      demandes.add(tete);
      avantReponse.run();
      if (corps == null) {
        return;
      }
      byte[] octets = corps.getBytes(StandardCharsets.UTF_8);
      String statut = corps.equals(UP) ? "200 OK" : "503 Service Unavailable";
      OutputStream sortie = s.getOutputStream();
      sortie.write(
          ("HTTP/1.1 "
                  + statut
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + octets.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      sortie.write(octets);
      sortie.flush();
      s.close();
    } catch (IOException e) {
      // the client went away
    }
  }

  @AfterEach
  void arreter() throws IOException {
    if (serveur != null) {
      serveur.close();
    }
    for (Socket s : connexions) {
      s.close();
    }
  }

  @Test
  void pret_des_que_la_sante_repond_up_en_http_1_1_sans_demander_http_2() throws Exception {
    String url = demarrer(n -> UP);

    assertThat(ParcelleLauncher.attendre(url, () -> true, Duration.ofSeconds(20)).pret()).isTrue();

    List<String> tete = demandes.getFirst();
    assertThat(tete.getFirst()).isEqualTo("GET /health/ready HTTP/1.1");
    // No "Upgrade: h2c": the poll does not move onto Payara's HTTP/2 over plain HTTP.
    assertThat(tete).noneMatch(l -> l.regionMatches(true, 0, "Upgrade:", 0, 8));
    assertThat(tete).noneMatch(l -> l.regionMatches(true, 0, "HTTP2-Settings:", 0, 15));
  }

  @Test
  void une_connexion_restee_sans_reponse_ne_retient_pas_les_essais_suivants() throws Exception {
    // The first connection is accepted and never answered, the next ones are UP.
    String url = demarrer(n -> n == 0 ? null : UP);
    long debut = System.nanoTime();

    assertThat(ParcelleLauncher.attendre(url, () -> true, Duration.ofSeconds(30)).pret()).isTrue();

    assertThat(Duration.ofNanos(System.nanoTime() - debut)).isLessThan(Duration.ofSeconds(15));
    assertThat(connexions).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void chaque_essai_sur_une_nouvelle_connexion_jusqu_a_ce_que_la_sante_soit_up() throws Exception {
    String url = demarrer(n -> n < 2 ? DOWN : UP);

    assertThat(ParcelleLauncher.attendre(url, () -> true, Duration.ofSeconds(30)).pret()).isTrue();

    assertThat(demandes).hasSize(3);
    assertThat(connexions).hasSize(3);
  }

  @Test
  void jamais_up_pas_pret_au_bout_du_delai_et_dit_ce_que_la_sante_a_repondu() throws Exception {
    String url = demarrer(n -> DOWN);

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(url, () -> true, Duration.ofSeconds(3));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.essais()).isEqualTo(demandes.size()).isGreaterThanOrEqualTo(2);
    assertThat(attente.dernierEssai()).isEqualTo("HTTP 503 " + DOWN);
    assertThat(attente.resume()).startsWith(attente.essais() + " essais ; dernier : HTTP 503 {");
  }

  @Test
  void un_corps_long_est_coupe_dans_le_rapport() throws Exception {
    String long_ = "{\"status\":\"DOWN\",\"checks\":[" + "{}, ".repeat(400) + "{}]}";
    String url = demarrer(n -> long_);

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(url, () -> true, Duration.ofSeconds(1));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.dernierEssai()).startsWith("HTTP 503 {\"status\":\"DOWN\"").endsWith("…");
    assertThat(attente.dernierEssai().length()).isLessThan(long_.length()).isLessThan(700);
  }

  @Test
  void personne_n_ecoute_le_rapport_nomme_la_connexion_refusee() throws Exception {
    int port;
    try (ServerSocket libre = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = libre.getLocalPort();
    }

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            "http://127.0.0.1:" + port + "/health/ready", () -> true, Duration.ofSeconds(2));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.essais()).isGreaterThanOrEqualTo(1);
    assertThat(attente.dernierEssai()).startsWith("ConnectException");
  }

  @Test
  void processus_arrete_en_cours_d_attente_le_rapport_le_dit() throws Exception {
    String url = demarrer(n -> DOWN);
    AtomicInteger appels = new AtomicInteger();

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(url, () -> appels.incrementAndGet() <= 2, Duration.ofMinutes(1));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.essais()).isEqualTo(2);
    assertThat(attente.dernierEssai())
        .isEqualTo("HTTP 503 " + DOWN + " ; puis le processus s'est arrêté");
  }

  @Test
  void processus_arrete_pas_pret_sans_attendre() throws Exception {
    String url = demarrer(n -> UP);
    long debut = System.nanoTime();

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(url, () -> false, Duration.ofMinutes(4));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.essais()).isZero();
    assertThat(attente.resume())
        .isEqualTo("0 essai ; dernier : aucun, le processus s'est arrêté avant");

    assertThat(Duration.ofNanos(System.nanoTime() - debut)).isLessThan(Duration.ofSeconds(2));
    assertThat(demandes).isEmpty();
  }

  /** Payara's output as a test sets it. */
  private static SortiePayara sortie(BooleanSupplier demarre, String erreur) {
    return new SortiePayara() {
      @Override
      public boolean demarre() {
        return demarre.getAsBoolean();
      }

      @Override
      public Optional<String> premiereErreur() {
        return Optional.ofNullable(erreur);
      }
    };
  }

  @Test
  void deploiement_echoue_dit_des_que_payara_a_fini_de_demarrer_sans_l_application()
      throws Exception {
    String url = demarrer(n -> SANS_APPLICATION);
    AtomicInteger questions = new AtomicInteger();
    String erreur =
        "2026-12-07 18:01:02 SEVERE  [javax.enterprise.system.core] Exception while loading the app";
    long debut = System.nanoTime();

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            url,
            () -> true,
            sortie(() -> questions.incrementAndGet() > 2, erreur),
            Duration.ofSeconds(30));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.deploiementEchoue()).isTrue();
    // Two answers while the deployment went on, then the third, after Payara's line, is the
    // verdict.
    assertThat(attente.essais()).isEqualTo(3);
    assertThat(attente.dernierEssai())
        .startsWith("HTTP 503 " + SANS_APPLICATION)
        .contains("son déploiement a échoué")
        .endsWith("(première erreur : " + erreur + ")");
    assertThat(Duration.ofNanos(System.nanoTime() - debut)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void sans_la_ligne_de_payara_aucune_application_n_est_qu_un_deploiement_en_cours()
      throws Exception {
    String url = demarrer(n -> SANS_APPLICATION);

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            url, () -> true, sortie(() -> false, "SEVERE"), Duration.ofSeconds(3));

    assertThat(attente.pret()).isFalse();
    assertThat(attente.deploiementEchoue()).isFalse();
    assertThat(attente.essais()).isGreaterThanOrEqualTo(2);
    assertThat(attente.dernierEssai()).isEqualTo("HTTP 503 " + SANS_APPLICATION);
  }

  @Test
  void une_reponse_calculee_avant_la_ligne_de_payara_n_est_pas_un_verdict() throws Exception {
    // Payara prints its line while the first answer, computed before, is on its way.
    AtomicBoolean demarre = new AtomicBoolean();
    avantReponse = () -> demarre.set(true);
    String url = demarrer(n -> n == 0 ? SANS_APPLICATION : UP);

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            url, () -> true, sortie(demarre::get, null), Duration.ofSeconds(30));

    assertThat(attente.pret()).isTrue();
    assertThat(attente.deploiementEchoue()).isFalse();
    assertThat(attente.essais()).isEqualTo(2);
  }

  @Test
  void une_sante_down_apres_la_ligne_de_payara_n_arrete_pas_l_attente() throws Exception {
    // The application is deployed and one of its checks is DOWN (the database, say): it may
    // recover.
    String url = demarrer(n -> n < 2 ? DOWN : UP);

    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            url, () -> true, sortie(() -> true, null), Duration.ofSeconds(30));

    assertThat(attente.pret()).isTrue();
    assertThat(attente.essais()).isEqualTo(3);
  }
}
