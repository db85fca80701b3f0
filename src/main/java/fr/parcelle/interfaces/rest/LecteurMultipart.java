package fr.parcelle.interfaces.rest;

import fr.parcelle.application.EnvoiGroupe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part after part, in one pass and without
 * buffering a part: each part's content is a stream that ends at the next delimiter, so a part goes
 * straight from the socket to the document store. Memory is one buffer whatever the sizes.
 *
 * <p>Hostile bodies are bounded: a part's headers are limited in size, a missing or foreign
 * delimiter, a truncated body or a part without a name stop the reading with {@link
 * MultipartMalForme}. A part that is not read to its end is skipped when the next one is asked for.
 */
public final class LecteurMultipart implements EnvoiGroupe {

  /** The body is not a well-formed multipart/form-data message. */
  public static final class MultipartMalForme extends IOException {
    public MultipartMalForme(String message) {
      super(message);
    }
  }

  static final int TAILLE_EN_TETES_MAX = 8 * 1024;
  private static final int TAMPON = 64 * 1024;
  private static final Pattern BOUNDARY = Pattern.compile("^[0-9A-Za-z'()+_,\\-./:=? ]{1,70}$");

  private final InputStream entree;
  private final byte[] delimiteur;

  /** Horspool's shifts: how far the delimiter may move on, by the window's last byte. */
  private final int[] saut = new int[256];

  private final byte[] tampon;

  /** Bytes from {@code debut} known to be the current part's content. */
  private int contenuConnu;

  /** Whether the delimiter starts right after those bytes. */
  private boolean delimiteurEnsuite;

  private int debut;
  private int fin;
  private boolean entreeEpuisee;
  private boolean termine;
  private Partie courante;

  /**
   * @param boundary the {@code boundary} parameter of the request's Content-Type
   * @throws MultipartMalForme when the boundary is missing or not one RFC 2046 allows
   */
  public LecteurMultipart(InputStream entree, String boundary) throws MultipartMalForme {
    if (boundary == null || !BOUNDARY.matcher(boundary).matches() || boundary.endsWith(" ")) {
      throw new MultipartMalForme(
          "le paramètre boundary du Content-Type manque ou n'est pas valide");
    }
    this.entree = entree;
    this.delimiteur = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(saut, delimiteur.length);
    for (int k = 0; k < delimiteur.length - 1; k++) {
      saut[delimiteur[k] & 0xFF] = delimiteur.length - 1 - k;
    }
    this.tampon = new byte[TAMPON + delimiteur.length];
    // The first delimiter has no CRLF before it: one is put in front of the body, so that the
    // preamble (usually empty) is skipped as a part's content would be.
    tampon[0] = '\r';
    tampon[1] = '\n';
    fin = 2;
  }

  @Override
  public Optional<Fichier> suivant() throws IOException {
    if (termine) {
      return Optional.empty();
    }
    if (courante == null) {
      // The preamble, then the first delimiter.
      new Partie().sauter();
    } else {
      courante.sauter();
    }
    courante = null;
    // After a delimiter: "--" closes the body, CRLF opens a part (transport padding allowed).
    if (!remplirAuMoins(2)) {
      throw new MultipartMalForme("le corps s'arrête après un délimiteur");
    }
    if (tampon[debut] == '-' && tampon[debut + 1] == '-') {
      termine = true;
      return Optional.empty();
    }
    while (remplirAuMoins(1) && (tampon[debut] == ' ' || tampon[debut] == '\t')) {
      debut++;
    }
    if (!remplirAuMoins(2) || tampon[debut] != '\r' || tampon[debut + 1] != '\n') {
      throw new MultipartMalForme("un délimiteur n'est pas suivi d'une fin de ligne");
    }
    debut += 2;
    EnTetes enTetes = lireEnTetes();
    courante = new Partie();
    return Optional.of(new Fichier(enTetes.nom, enTetes.nomFichier, courante));
  }

  private record EnTetes(String nom, String nomFichier) {}

  private EnTetes lireEnTetes() throws IOException {
    String nom = null;
    String nomFichier = null;
    int lus = 0;
    while (true) {
      String ligne = lireLigne(TAILLE_EN_TETES_MAX - lus);
      lus += ligne.length() + 2;
      if (ligne.isEmpty()) {
        break;
      }
      int deuxPoints = ligne.indexOf(':');
      if (deuxPoints <= 0) {
        throw new MultipartMalForme("en-tête de partie illisible");
      }
      String champ = ligne.substring(0, deuxPoints).trim().toLowerCase(Locale.ROOT);
      String valeur = ligne.substring(deuxPoints + 1).trim();
      if (champ.equals("content-disposition")) {
        if (!valeur.toLowerCase(Locale.ROOT).startsWith("form-data")) {
          throw new MultipartMalForme("une partie n'est pas de type form-data");
        }
        nom = parametre(valeur, "name");
        String etendu = parametre(valeur, "filename*");
        nomFichier = etendu != null ? nomEtendu(etendu) : parametre(valeur, "filename");
      }
    }
    if (nom == null || nom.isBlank()) {
      throw new MultipartMalForme(
          "une partie n'a pas de nom (Content-Disposition: form-data; name=…)");
    }
    return new EnTetes(nom, nomFichier);
  }

  /** A header parameter, quoted or not; {@code \"} and {@code \\} unescaped in quotes. */
  static String parametre(String valeur, String nom) {
    Matcher m =
        Pattern.compile(
                "(?:^|;)\\s*"
                    + Pattern.quote(nom)
                    + "\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))",
                Pattern.CASE_INSENSITIVE)
            .matcher(valeur);
    if (!m.find()) {
      return null;
    }
    return m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
  }

  private static String nomEtendu(String valeur) {
    int apostrophe = valeur.indexOf("''");
    if (apostrophe < 0 || !valeur.substring(0, apostrophe).equalsIgnoreCase("UTF-8")) {
      return null;
    }
    try {
      return URLDecoder.decode(
          valeur.substring(apostrophe + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A header line, UTF-8 (browsers send file names raw), without its CRLF. */
  private String lireLigne(int max) throws IOException {
    int parcouru = 0;
    while (true) {
      for (int i = debut + parcouru; i + 1 < fin; i++) {
        if (tampon[i] == '\r' && tampon[i + 1] == '\n') {
          String ligne = new String(tampon, debut, i - debut, StandardCharsets.UTF_8);
          debut = i + 2;
          return ligne;
        }
      }
      parcouru = Math.max(0, fin - debut - 1);
      if (parcouru + 2 > max) {
        throw new MultipartMalForme("en-têtes de partie trop longs");
      }
      if (!remplirAuMoins(fin - debut + 1)) {
        throw new MultipartMalForme("le corps s'arrête dans les en-têtes d'une partie");
      }
    }
  }

  /**
   * Makes at least {@code n} unread bytes available (n ≤ the buffer's size), reading as needed.
   *
   * @return false when the body ends before
   */
  private boolean remplirAuMoins(int n) throws IOException {
    if (fin - debut >= n) {
      return true;
    }
    if (debut > 0) {
      System.arraycopy(tampon, debut, tampon, 0, fin - debut);
      fin -= debut;
      debut = 0;
    }
    while (fin < n && !entreeEpuisee) {
      int lus = entree.read(tampon, fin, tampon.length - fin);
      if (lus < 0) {
        entreeEpuisee = true;
      } else {
        fin += lus;
      }
    }
    return fin - debut >= n;
  }

  /** Where the delimiter starts in the unread bytes, or -1 (Boyer-Moore-Horspool). */
  private int chercherDelimiteur() {
    int m = delimiteur.length;
    byte dernierOctet = delimiteur[m - 1];
    for (int i = debut; i + m <= fin; i += saut[tampon[i + m - 1] & 0xFF]) {
      if (tampon[i + m - 1] == dernierOctet
          && Arrays.equals(tampon, i, i + m - 1, delimiteur, 0, m - 1)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Finds how many of the unread bytes are content: up to the delimiter when it is there, else all
   * but the last bytes that could begin one. Reads more when too few are unread.
   */
  private void examiner() throws IOException {
    while (true) {
      int position = chercherDelimiteur();
      if (position >= 0) {
        contenuConnu = position - debut;
        delimiteurEnsuite = true;
        return;
      }
      int sur = fin - debut - (delimiteur.length - 1);
      if (sur > 0) {
        contenuConnu = sur;
        return;
      }
      if (!remplirAuMoins(delimiteur.length)) {
        throw new MultipartMalForme(
            "le corps s'arrête au milieu d'une partie (délimiteur final absent)");
      }
    }
  }

  /** One part's content: ends where the delimiter starts; the delimiter itself is consumed. */
  private final class Partie extends InputStream {
    private boolean finie;

    @Override
    public int read() throws IOException {
      byte[] un = new byte[1];
      int n = read(un, 0, 1);
      return n < 0 ? -1 : un[0] & 0xFF;
    }

    @Override
    public int read(byte[] cible, int decalage, int longueur) throws IOException {
      if (finie || courante != this && courante != null) {
        return -1;
      }
      if (longueur == 0) {
        return 0;
      }
      if (contenuConnu == 0 && !delimiteurEnsuite) {
        examiner();
      }
      if (contenuConnu == 0) {
        // The delimiter is next: the part ends, the delimiter is consumed.
        debut += delimiteur.length;
        delimiteurEnsuite = false;
        finie = true;
        return -1;
      }
      int n = Math.min(longueur, contenuConnu);
      System.arraycopy(tampon, debut, cible, decalage, n);
      debut += n;
      contenuConnu -= n;
      return n;
    }

    void sauter() throws IOException {
      byte[] poubelle = new byte[8192];
      while (read(poubelle, 0, poubelle.length) >= 0) {
        // skipped
      }
    }
  }
}
