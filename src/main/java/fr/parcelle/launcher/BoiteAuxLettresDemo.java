package fr.parcelle.launcher;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Demo mode's mailbox: an in-process SMTP server (GreenMail) that the platform sends to, so that
 * the e-mails can be seen without any mail account. Every message received is written as {@code
 * <data>/courriels/NNNN.eml} and announced on the console; IMAP (any login, password = login)
 * serves them to a mail client too. Started only with the embedded database and when no SMTP server
 * is configured ({@code PARCELLE_COURRIEL_SMTP_HOST}).
 */
final class BoiteAuxLettresDemo implements AutoCloseable {

  private static final PrintStream CONSOLE =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private final GreenMail serveur;
  private final Path repertoire;
  private final Thread releve;
  private volatile boolean ouverte = true;

  private BoiteAuxLettresDemo(GreenMail serveur, Path repertoire) {
    this.serveur = serveur;
    this.repertoire = repertoire;
    this.releve = new Thread(this::relever, "parcelle-courriels-demo");
    this.releve.setDaemon(true);
  }

  static BoiteAuxLettresDemo demarrerSiBesoin(
      Path donnees, int portHttp, Map<String, String> environnement) throws IOException {
    String hote = System.getenv("PARCELLE_COURRIEL_SMTP_HOST");
    if (hote != null && !hote.isBlank()) {
      return null; // a real server is configured: the platform uses it
    }
    int smtp = port("PARCELLE_DEMO_SMTP_PORT", 3025);
    int imap = port("PARCELLE_DEMO_IMAP_PORT", 3143);
    GreenMail g =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                  new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    g.start();
    Path repertoire = donnees.resolve("courriels");
    Files.createDirectories(repertoire);
    environnement.put("PARCELLE_COURRIEL_SMTP_HOST", "127.0.0.1");
    environnement.put("PARCELLE_COURRIEL_SMTP_PORT", String.valueOf(smtp));
    environnement.put("PARCELLE_COURRIEL_SMTP_SECURITE", "aucune");
    environnement.putIfAbsent("PARCELLE_COURRIEL_URL_PLATEFORME", "http://localhost:" + portHttp);
    BoiteAuxLettresDemo b = new BoiteAuxLettresDemo(g, repertoire);
    b.releve.start();
    return b;
  }

  String description() {
    return " Courriels (démo) : chaque message envoyé est écrit dans "
        + repertoire
        + "/\n   et lisible en IMAP sur 127.0.0.1:"
        + serveur.getImap().getPort()
        + " (identifiant = adresse du destinataire, mot de passe identique).\n";
  }

  private void relever() {
    int vus = 0;
    while (ouverte) {
      try {
        MimeMessage[] recus = serveur.getReceivedMessages();
        for (; vus < recus.length; vus++) {
          MimeMessage m = recus[vus];
          Path fichier = repertoire.resolve(String.format("%04d.eml", vus + 1));
          try (OutputStream out = Files.newOutputStream(fichier)) {
            m.writeTo(out);
          }
          String a =
              Arrays.stream(m.getAllRecipients())
                  .map(Address::toString)
                  .collect(Collectors.joining(", "));
          CONSOLE.println(
              "[parcelle] Courriel pour " + a + " : « " + m.getSubject() + " » → " + fichier);
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        CONSOLE.println("[parcelle] Boîte aux lettres de démo : " + e);
      }
    }
  }

  private static int port(String variable, int prefere) {
    String v = System.getenv(variable);
    if (v != null && !v.isBlank()) {
      return Integer.parseInt(v.strip());
    }
    try (ServerSocket s = new ServerSocket(prefere)) {
      return prefere;
    } catch (IOException occupe) {
      return ParcelleLauncher.portLibre();
    }
  }

  @Override
  public void close() {
    ouverte = false;
    releve.interrupt();
    serveur.stop();
  }
}
