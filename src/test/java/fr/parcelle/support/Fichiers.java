package fr.parcelle.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Real files of each format, made by the tests themselves (no binary fixtures in the repository).
 */
public final class Fichiers {

  private Fichiers() {}

  public static byte[] png() {
    return image("png");
  }

  public static byte[] jpeg() {
    return image("jpg");
  }

  /** A valid one-page PDF (objects, cross-reference table and trailer). */
  public static byte[] pdf() {
    String[] objets = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    };
    StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
    int[] positions = new int[objets.length];
    for (int i = 0; i < objets.length; i++) {
      positions[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objets[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objets.length + 1).append("\n0000000000 65535 f \n");
    for (int p : positions) {
      pdf.append(String.format("%010d 00000 n \n", p));
    }
    pdf.append("trailer\n<< /Size ").append(objets.length + 1).append(" /Root 1 0 R >>\n");
    pdf.append("startxref\n").append(xref).append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A zip archive: never a pièce. */
  public static byte[] zip() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("plan.pdf"));
      zip.write(pdf());
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] image(String format) {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0, 0, 145));
    g.fillRect(8, 8, 40, 24);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("Pas d'encodeur " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A PNG whose header declares {@code largeur} × {@code hauteur} pixels (decompression bomb), CRC
   * correct.
   */
  public static byte[] pngDeclarant(int largeur, int hauteur) {
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(largeur).putInt(hauteur);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xAE426082);
    return png.array();
  }

  /** The first bytes of a Windows executable. */
  public static byte[] executable() {
    byte[] mz = new byte[512];
    mz[0] = 'M';
    mz[1] = 'Z';
    mz[0x3c] = (byte) 0x80;
    mz[0x80] = 'P';
    mz[0x81] = 'E';
    return mz;
  }

  public static byte[] tronque(byte[] fichier) {
    return java.util.Arrays.copyOf(fichier, fichier.length - 20);
  }
}
