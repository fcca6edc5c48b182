/** A client application on the module path: it reads the SDK's modules by name. */
module com.example.ecgapp {
  requires dev.ecg.models;
  requires dev.ecg.io;
  requires dev.ecg.core;

  exports com.example.ecgapp;
}
