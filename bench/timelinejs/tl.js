// TimelineJS 3 over the same dataset, for the benchmark: fetches the
// dataset converted to TimelineJS's own JSON format (one event per item the
// Storyscope timeline shows) and hands it to TL.Timeline with everything
// served locally. Records the same performance marks as the other pages,
// and its progress in window.tlState for the benchmark to poll.
'use strict';
window.tlState = 'loading';

async function main() {
  performance.mark('storyscope-fetch-start');
  const text = await (await fetch('data/timeline.json')).text();
  performance.mark('storyscope-fetched');
  const data = JSON.parse(text);
  performance.mark('storyscope-validated');
  const timeline = new TL.Timeline('timeline', data, {
    // Its default loads PT Sans and PT Serif from fonts.gstatic.com; with no
    // font it uses the system fonts of its stylesheet.
    font: null,
    // The default script_path is Knight Lab's CDN (language files, themes).
    script_path: new URL('timelinejs/js/', location.href).href,
    language: 'en',
    hash_bookmark: false,
  });
  window.timeline = timeline;
  timeline.on('dataloaded', () => performance.mark('storyscope-indexed'));
  timeline.on('loaded', () => {
    performance.mark('storyscope-timeline-rendered');
    window.tlState = 'loaded';
  });
}

main().catch(e => { window.tlState = 'error: ' + e; });
