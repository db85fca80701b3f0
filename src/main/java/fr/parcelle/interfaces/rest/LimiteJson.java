package fr.parcelle.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * JSON bodies are read whole into memory: they are capped (1 MB by default, {@code
 * parcelle.api.max-json-octets}) whatever the Content-Length says; a larger one gets 413. File
 * uploads are streamed and checked elsewhere.
 */
@Provider
public class LimiteJson implements ReaderInterceptor {

  private final long limite =
      ConfigProvider.getConfig()
          .getOptionalValue("parcelle.api.max-json-octets", Long.class)
          .orElse(1_048_576L);

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext contexte) throws IOException {
    if (contexte.getMediaType() != null
        && contexte.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      contexte.setInputStream(new Borne(contexte.getInputStream(), limite));
    }
    return contexte.proceed();
  }

  private static final class Borne extends FilterInputStream {
    private final long limite;
    private long lus;

    Borne(InputStream in, long limite) {
      super(in);
      this.limite = limite;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      compter(c < 0 ? 0 : 1);
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      compter(Math.max(n, 0));
      return n;
    }

    private void compter(int n) {
      lus += n;
      if (lus > limite) {
        throw new WebApplicationException(Response.Status.REQUEST_ENTITY_TOO_LARGE);
      }
    }
  }
}
