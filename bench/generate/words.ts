// Words and names that generated paths, lines, people and messages are made of.
import type { Rng } from './random.js';

// Words and names

const SYLLABLES = (
  'ab ac ad al am an ar as at ax ba be bi bo bu ca ce ci co cu da de di do du el em en er es ex ' +
  'fa fe fi fo ga ge gi go ha he hi ho il im in io ir is ka ke ki ko ku la le li lo lu ma me mi mo mu ' +
  'na ne ni no nu ol om on or os pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu ul um un ur ' +
  'va ve vi vo xa xe ya yo za ze zi'
).split(' ');

export function syllableWord(rng: Rng, min = 2, max = 3): string {
  let s = '';
  const n = rng.range(min, max);
  for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
  if (rng.chance(0.3)) s += rng.pick(['x', 'n', 'r', 's', 't', 'c', 'm']);
  return s;
}

export const WORDS = (
  'dev priv buf len ret err irq reg val addr data ctx queue ring desc skb page node list lock flags ' +
  'mask count state mode cfg ops info port link phy dma map cmd req resp hdr offset size idx entry ' +
  'table timer work event status level index pool slot chan clk rate freq power reset init probe ' +
  'remove open close read write start stop enable disable config setup alloc free get put update check ' +
  'handle process submit complete wait wake sync flush attach detach bind unbind register parse ' +
  'vq mr mkey umem vport vlan mtu rx tx cq eq qp wqe doorbell feature vector iova'
).split(' ');

export const PROSE = (
  'the a this that driver device support for with when which is are be can may must should not of to ' +
  'in on by from into each every all any some one two value register interrupt memory buffer kernel ' +
  'user mode option default enabled disabled used returns called after before during only also see ' +
  'note example following describes provides handles'
).split(' ');

export const FIRST = (
  'Alex Andrew Anna Arnd Ben Bjorn Boris Chris Christoph Dan Daniel David Dmitry Eric Florian Greg ' +
  'Hans Heiko Herbert Ingo Jakub Jan Jason Jens Jiri Johannes John Jonathan Josef Julia Kees Konrad ' +
  'Krzysztof Laurent Leon Linus Marc Mark Martin Mauro Michael Miguel Mike Nathan Neil Nick Oleg Paolo ' +
  'Paul Peter Rafael Rob Russell Sakari Sean Sebastian Shawn Stefan Stephen Steven Takashi Tejun ' +
  'Thomas Tony Uwe Vinod Vlastimil Wei Will Yang Yu Zhang Jürgen Łukasz Søren José Ilpo Tvrtko Ville ' +
  'Maíra Andrés Ondřej Guðni Mateusz'
).split(' ');
export const LAST = (
  'Smith Kroah Torvalds Bergmann Carpenter Williams Miller Vetter Rothwell Hellwig Axboe Kicinski ' +
  'Gleixner Petkov Molnar Zijlstra Morton Hocko Viro Tso Brauner Sterba Chinner Wong Bottomley Jones ' +
  'Kara Iwai Brown Walleij Deacon Zyngier Shevchenko Pinchart Ailus Chehab Rutland Abeni Dumazet ' +
  'Leon Gunthorpe Tsirkin Wang Li Chen Liu Zhao Huang Wu Xu Sun Ma Kumar Singh Patel Nguyen Kim Park ' +
  'Tanaka Suzuki Müller Schmidt Schneider Fischer Weber Wagner Becker Hoffmann Nowak Kowalski Novák ' +
  'Dvořák Jensen Nielsen Hansen Larsen Rossi Russo Ferrari García Fernández López Martínez Sánchez'
).split(' ');
export const DOMAINS = (
  'kernel.org intel.com redhat.com google.com linaro.org suse.com arm.com amd.com nvidia.com ibm.com ' +
  'oracle.com huawei.com meta.com microsoft.com collabora.com bootlin.com pengutronix.de gmail.com ' +
  'samsung.com qualcomm.com quicinc.com nxp.com st.com ti.com renesas.com broadcom.com mediatek.com ' +
  'linux.dev linutronix.de canonical.com'
).split(' ');
export const TIMEZONES = ['+0000', '+0100', '+0200', '+0300', '+0530', '+0800', '+0900', '-0400', '-0500', '-0700', '-0800', '+1000'];
