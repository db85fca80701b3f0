package fr.parcelle.support;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The S3-compatible server the tests, the IT and the benches run here: s3proxy over jclouds'
 * in-memory store, signatures checked (AWS V2 and V4).
 */
public final class S3EnMemoire {

  private S3EnMemoire() {}

  /** jclouds' in-memory store, holding the bucket {@code seau}; to close when done. */
  public static BlobStoreContext magasin(String seau) {
    BlobStoreContext contexte =
        ContextBuilder.newBuilder("transient")
            .credentials("identite", "credit")
            .build(BlobStoreContext.class);
    contexte.getBlobStore().createContainerInLocation(null, seau);
    return contexte;
  }

  /**
   * s3proxy serving {@code magasin} on {@code http://127.0.0.1:port}, for the key {@code acces}
   * signed with {@code secret}; returned once started.
   */
  public static S3Proxy demarrer(BlobStore magasin, int port, String acces, String secret)
      throws Exception {
    S3Proxy serveur =
        S3Proxy.builder()
            .blobStore(magasin)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, acces, secret)
            .build();
    serveur.start();
    while (!"STARTED".equals(serveur.getState())) {
      Thread.sleep(10);
    }
    return serveur;
  }
}
