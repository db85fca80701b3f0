package fr.parcelle.infrastructure.courriel;

import fr.parcelle.application.courriel.Message;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Sends messages over SMTP with Jakarta Mail: one connection per batch, a fixed Message-ID. */
public final class EnvoiSmtp {

  /** The server refused the message for good (e.g. every recipient unknown): do not retry. */
  public static final class RefusDefinitif extends Exception {
    RefusDefinitif(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ConfigurationCourriel config;
  private final Session session;

  public EnvoiSmtp(ConfigurationCourriel config) {
    this.config = config;
    Properties p = new Properties();
    String protocole = "tls".equals(config.securite()) ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocole);
    String prefixe = "mail." + protocole + ".";
    p.put(prefixe + "host", config.hote());
    p.put(prefixe + "port", String.valueOf(config.port()));
    String ms = String.valueOf(config.delaiSmtp().toMillis());
    p.put(prefixe + "connectiontimeout", ms);
    p.put(prefixe + "timeout", ms);
    p.put(prefixe + "writetimeout", ms);
    p.put(prefixe + "auth", String.valueOf(!config.utilisateur().isBlank()));
    if ("starttls".equals(config.securite())) {
      p.put(prefixe + "starttls.enable", "true");
      p.put(prefixe + "starttls.required", "true");
    }
    if (!"aucune".equals(config.securite())) {
      p.put(prefixe + "ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(p);
  }

  /** An open connection to the server, for one batch. */
  public final class Connexion implements AutoCloseable {
    private final Transport transport;

    private Connexion(Transport transport) {
      this.transport = transport;
    }

    /**
     * Sends one message; returns once the server accepted it (250 after DATA).
     *
     * @throws RefusDefinitif if the server refuses it for reasons a retry will not change
     * @throws MessagingException if the server cannot be reached or fails for now
     */
    public void envoyer(String messageId, List<String> destinataires, Message message)
        throws MessagingException, RefusDefinitif {
      MimeMessage mime = composer(messageId, destinataires, message);
      try {
        transport.sendMessage(mime, mime.getAllRecipients());
      } catch (SendFailedException e) {
        Address[] invalides = e.getInvalidAddresses();
        if (invalides != null && invalides.length > 0) {
          throw new RefusDefinitif("Adresse refusée par le serveur : " + e.getMessage(), e);
        }
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        transport.close();
      } catch (MessagingException ignoree) {
        // the messages already accepted stay accepted
      }
    }
  }

  public Connexion ouvrir() throws MessagingException {
    Transport t = session.getTransport();
    if (config.utilisateur().isBlank()) {
      t.connect();
    } else {
      t.connect(config.utilisateur(), config.motDePasse());
    }
    return new Connexion(t);
  }

  MimeMessage composer(String messageId, List<String> destinataires, Message message)
      throws MessagingException, RefusDefinitif {
    MimeMessage mime =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            // The outbox row's id, the same at every attempt: a copy sent twice is recognisable.
            setHeader("Message-ID", messageId);
          }
        };
    try {
      mime.setFrom(new InternetAddress(config.expediteur(), true));
      InternetAddress[] a = new InternetAddress[destinataires.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = new InternetAddress(destinataires.get(i), true);
      }
      mime.setRecipients(MimeMessage.RecipientType.TO, a);
    } catch (AddressException e) {
      throw new RefusDefinitif("Adresse invalide : " + e.getMessage(), e);
    }
    mime.setSubject(message.sujet(), StandardCharsets.UTF_8.name());
    mime.setSentDate(new Date());
    // RFC 3834: no out-of-office answers to an automatic message.
    mime.setHeader("Auto-Submitted", "auto-generated");
    mime.setHeader("Content-Language", "fr");
    MimeBodyPart texte = new MimeBodyPart();
    texte.setText(message.texte(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
    mime.setContent(new MimeMultipart("alternative", texte, html));
    mime.saveChanges();
    return mime;
  }
}
