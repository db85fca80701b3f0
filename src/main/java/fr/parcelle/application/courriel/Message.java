package fr.parcelle.application.courriel;

/** A message ready to send: subject, plain text, and the same content in HTML. */
public record Message(String sujet, String texte, String html) {}
