/** Ready-made programs for the expression lab, starting with the notebook's own first graphs. */
export interface LabExample {
  name: string
  source: string
}

export const LAB_EXAMPLES: readonly LabExample[] = [
  {
    name: 'The lesson: L = (a*b + c) * f',
    source: 'a = 2.0\nb = -3.0\nc = 10.0\ne = a*b\nd = e + c\nf = -2.0\nL = d * f\n',
  },
  {
    name: 'The lesson with tanh: L = d.tanh()',
    source: 'a = 2; b = -3; c = 10; e = a*b; d = e + c; L = d.tanh()\n',
  },
  {
    // The neuron of the lecture this notebook follows: the bias is chosen so that o = 0.7071.
    name: 'A neuron: o = tanh(x1*w1 + x2*w2 + b)',
    source:
      '# inputs x1, x2; weights w1, w2; bias b\nx1 = 2.0\nx2 = 0.0\nw1 = -3.0\nw2 = 1.0\nb = 6.8813735870195432\n' +
      'n = x1*w1 + x2*w2 + b\no = tanh(n)\n',
  },
  {
    name: 'A value used twice: b = a + a',
    source: '# a feeds the + twice, so its grad gets two contributions\na = 3.0\nb = a + a\nL = b * a\n',
  },
  {
    name: 'tanh from exp: (e**2n − 1) / (e**2n + 1)',
    source: 'n = 0.8814\ne = (2*n).exp()\no = (e - 1) / (e + 1)\n',
  },
  {
    name: 'Sigmoid and relu',
    source: 'x = -0.5\nw = 1.5\nb = 0.25\ns = sigmoid(w*x + b)\nr = relu(w*x + b)\nL = s + r\n',
  },
]
