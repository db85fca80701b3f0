package fr.parcelle.interfaces.rest;

import fr.parcelle.application.EnvoiGroupe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  /** Preamble before the first delimiter: a line of text at most in practice. */
  static final int PREAMBULE_MAX = 8 * 1024;

  /** Transport padding (spaces, tabs) after a delimiter. */
  static final int BOURRAGE_MAX = 256;

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

  /** A malformed body or a failed read: the reading never resumes after it. */
  private boolean casse;

  /** Bytes the last header line took, its CRLF included. */
  private int octetsDeLaLigne;

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
    verifierIntact();
    try {
      return lireSuivant();
    } catch (IOException | RuntimeException e) {
      casse = true;
      throw e;
    }
  }

  private void verifierIntact() throws MultipartMalForme {
    if (casse) {
      throw new MultipartMalForme("la lecture de ce corps a déjà échoué");
    }
  }

  private Optional<Fichier> lireSuivant() throws IOException {
    if (termine) {
      return Optional.empty();
    }
    if (courante == null) {
      // The preamble, then the first delimiter.
      if (new Partie().sauter(PREAMBULE_MAX)) {
        throw new MultipartMalForme(
            "aucun délimiteur dans les "
                + PREAMBULE_MAX
                + " premiers octets : le boundary ne correspond pas au corps");
      }
    } else {
      courante.sauter(Long.MAX_VALUE);
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
    int bourrage = 0;
    while (remplirAuMoins(1) && (tampon[debut] == ' ' || tampon[debut] == '\t')) {
      if (++bourrage > BOURRAGE_MAX) {
        throw new MultipartMalForme("trop d'espaces après un délimiteur");
      }
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
    int reste = TAILLE_EN_TETES_MAX;
    while (true) {
      String ligne = lireLigne(reste);
      reste -= octetsDeLaLigne;
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
        Map<String, String> parametres = parametres(valeur);
        nom = parametres.get("name");
        String etendu = parametres.get("filename*");
        String decode = etendu != null ? nomEtendu(etendu) : null;
        nomFichier = decode != null ? decode : parametres.get("filename");
      }
    }
    if (nom == null || nom.isBlank()) {
      throw new MultipartMalForme(
          "une partie n'a pas de nom (Content-Disposition: form-data; name=…)");
    }
    return new EnTetes(nom, nomFichier);
  }

  /**
   * The parameters of a Content-Disposition value, by name in lower case, the first occurrence of
   * each kept. Read character by character: a {@code ;} or a {@code name=} inside a quoted file
   * name is part of the name. In quotes only {@code \"} and {@code \\} are escapes; browsers send
   * other backslashes raw.
   */
  static Map<String, String> parametres(String valeur) throws MultipartMalForme {
    Map<String, String> parametres = new HashMap<>();
    int n = valeur.length();
    int i = valeur.indexOf(';');
    if (i < 0) {
      return parametres;
    }
    while (i < n) {
      i++; // the ';'
      int debutNom = i;
      while (i < n && valeur.charAt(i) != '=' && valeur.charAt(i) != ';') {
        i++;
      }
      String nom = valeur.substring(debutNom, i).trim().toLowerCase(Locale.ROOT);
      if (i >= n || valeur.charAt(i) == ';') {
        continue; // a parameter without a value: ignored
      }
      i++; // the '='
      while (i < n && (valeur.charAt(i) == ' ' || valeur.charAt(i) == '\t')) {
        i++;
      }
      String contenu;
      if (i < n && valeur.charAt(i) == '"') {
        StringBuilder lu = new StringBuilder();
        i++;
        boolean ferme = false;
        while (i < n && !ferme) {
          char c = valeur.charAt(i);
          if (c == '"') {
            ferme = true;
          } else if (c == '\\' && i + 1 < n && "\"\\".indexOf(valeur.charAt(i + 1)) >= 0) {
            lu.append(valeur.charAt(++i));
          } else {
            lu.append(c);
          }
          i++;
        }
        if (!ferme) {
          throw new MultipartMalForme("un guillemet n'est pas fermé dans Content-Disposition");
        }
        contenu = lu.toString();
        while (i < n && valeur.charAt(i) != ';') {
          i++;
        }
      } else {
        int debutValeur = i;
        while (i < n && valeur.charAt(i) != ';') {
          i++;
        }
        contenu = valeur.substring(debutValeur, i).trim();
      }
      parametres.putIfAbsent(nom, contenu);
    }
    return parametres;
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

  /**
   * A header line, UTF-8 (browsers send file names raw), without its CRLF; refused when it and its
   * CRLF take more than {@code max} bytes, whether they arrived in one read or several.
   */
  private String lireLigne(int max) throws IOException {
    int parcouru = 0;
    while (true) {
      for (int i = debut + parcouru; i + 1 < fin; i++) {
        if (i - debut + 2 > max) {
          throw new MultipartMalForme("en-têtes de partie trop longs");
        }
        if (tampon[i] == '\r' && tampon[i + 1] == '\n') {
          octetsDeLaLigne = i - debut + 2;
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
      verifierIntact();
      try {
        return lire(cible, decalage, longueur);
      } catch (IOException | RuntimeException e) {
        casse = true;
        throw e;
      }
    }

    private int lire(byte[] cible, int decalage, int longueur) throws IOException {
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

    /**
     * Reads to the end of the part, {@code max} bytes at most.
     *
     * @return whether more than {@code max} bytes were left (the part is then not at its end)
     */
    boolean sauter(long max) throws IOException {
      byte[] poubelle = new byte[8192];
      long sautes = 0;
      int n;
      while ((n = read(poubelle, 0, poubelle.length)) >= 0) {
        sautes += n;
        if (sautes > max) {
          return true;
        }
      }
      return false;
    }
  }
}
