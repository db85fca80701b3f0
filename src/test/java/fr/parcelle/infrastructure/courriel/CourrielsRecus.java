package fr.parcelle.infrastructure.courriel;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Reads what the SMTP server received as a person would: the plain-text part, decoded. */
final class CourrielsRecus {

  private CourrielsRecus() {}

  static String texte(MimeMessage m) {
    try {
      return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
