// OHIF 3 configuration of the compose topology (docker-compose.yml, service "ohif"): one DICOMweb data
// source, Orthanc, reached through this nginx on the same origin (/dicom-web/ is proxied to Orthanc by
// default.conf.template), so the browser sends no cross-origin request and logs in with Orthanc's own
// Basic authentication. Orthanc serves frames transcoded to what the viewer asks for (GDCM plugin).
window.config = {
  routerBasename: '/',
  showStudyList: true,
  extensions: [],
  modes: [],
  defaultDataSourceName: 'orthanc',
  dataSources: [
    {
      namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
      sourceName: 'orthanc',
      configuration: {
        friendlyName: 'MOSMOS Orthanc',
        name: 'orthanc',
        wadoUriRoot: '/wado',
        qidoRoot: '/dicom-web',
        wadoRoot: '/dicom-web',
        qidoSupportsIncludeField: false,
        imageRendering: 'wadors',
        thumbnailRendering: 'wadors',
        enableStudyLazyLoad: true,
        supportsFuzzyMatching: false,
        supportsWildcard: true,
        // SEG and SR written by the inference worker are loaded from their bulk data like any series.
        bulkDataURI: { enabled: true, relativeResolution: 'studies' },
        omitQuotationForMultipartRequest: true,
      },
    },
  ],
};
